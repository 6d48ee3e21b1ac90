import { type DatabaseUsers, TimeoutError } from "@dbusers/core";
import type { FaultOptions } from "@dbusers/simulator";
import { describe, expect, it } from "vitest";
import { rejectionOf } from "../rejection.ts";
import { handledOf } from "../test-simulator.ts";
import type { SuiteContext } from "./context.ts";

type Operation = [string, (users: DatabaseUsers, name: string, signal: AbortSignal) => Promise<unknown>];

const OPERATIONS: Operation[] = [
  ["list", (users, _name, signal) => users.list({ signal })],
  [
    "iterate",
    async (users, _name, signal) => {
      for await (const _ of users.iterate({ signal })) {
        // never reached
      }
    },
  ],
  ["get", (users, name, signal) => users.get(name, { signal })],
  ["create", (users, name, signal) => users.create({ name: `${name}x` }, { signal })],
  ["resetPassword", (users, name, signal) => users.resetPassword(name, { signal })],
  ["delete", (users, name, signal) => users.delete(name, { signal })],
];

const SET_PASSWORD: Operation = [
  "setPassword",
  (users, name, signal) => users.setPassword(name, "Chosen-password-0123456789", { signal }),
];

export function abortAndTimeoutTests(ctx: SuiteContext, canSetPassword: boolean): void {
  const { vendor, operations } = ctx.fixture;
  const calls = canSetPassword ? [...OPERATIONS, SET_PASSWORD] : OPERATIONS;

  describe("abort", () => {
    it.each(calls)(
      "%s with an aborted signal rejects with the caller's reason, sending nothing",
      async (_, call) => {
        const { scope, users, requests } = await ctx.adapter();
        const name = scope.newName();
        scope.seedUsers([name]);
        const reason = new Error("caller gave up");
        expect(await rejectionOf(call(users, name, AbortSignal.abort(reason)))).toBe(reason);
        expect(requests).toHaveLength(0);
        expect(scope.storedNames()).toContain(name);
      },
    );

    it("aborting while the server is slow rejects with the caller's reason before the answer", async () => {
      const { users } = await ctx.adapter();
      ctx.sim.failNext({ vendor, delayMs: 5_000, operationId: operations.list });
      const controller = new AbortController();
      const reason = new Error("shutting down");
      setTimeout(() => controller.abort(reason), 50);
      // Were the abort ignored, the list would resolve after 5 s and the test would fail.
      expect(await rejectionOf(users.list({ signal: controller.signal }))).toBe(reason);
    });

    /**
     * Throttles the list as `fault` says and aborts once the simulator has answered the first throttled
     * list (counted, not timed: a busy machine may take longer than any fixed delay to send it): the
     * caller's reason, no more sends.
     */
    const abortWhileThrottled = async (
      users: DatabaseUsers,
      fault: Partial<FaultOptions>,
    ): Promise<number> => {
      await users.list(); // credentials and caches warm: the next request is the list itself
      ctx.sim.failNext({ ...ctx.fixture.throttle, vendor, operationId: operations.list, ...fault });
      const controller = new AbortController();
      const reason = new Error("enough");
      ctx.handled.length = 0;
      const abortOnceThrottled = setInterval(() => {
        if (handledOf(ctx.handled, operations.list).length === 0) return;
        clearInterval(abortOnceThrottled);
        controller.abort(reason);
      }, 5);
      try {
        expect(await rejectionOf(users.list({ signal: controller.signal }))).toBe(reason);
      } finally {
        clearInterval(abortOnceThrottled);
      }
      return handledOf(ctx.handled, operations.list).length;
    };

    if (ctx.fixture.throttleRetryHint === false) {
      it("aborting while backing off from throttling answers stops the retries", async () => {
        // No hint to wait by: the client's own full-jitter backoff, made long, and throttling that
        // outlasts every retry, so that only the abort can end the call.
        const retries = 5;
        const { users } = await ctx.adapter({
          // Within the call's deadline (120 s): a backoff that could not end before it is not begun.
          retry: { maxRetries: retries, baseDelayMs: 60_000, maxDelayMs: 60_000 },
        });
        expect(await abortWhileThrottled(users, { count: retries + 1 })).toBeGreaterThanOrEqual(1);
      });
    } else {
      it("aborting while waiting out a throttling answer stops the retries", async () => {
        const { users } = await ctx.adapter();
        expect(await abortWhileThrottled(users, { retryAfterSeconds: 30 })).toBe(1);
      });
    }
  });

  describe("timeout", () => {
    it("a hanging server is a TimeoutError once timeoutMs is spent (retries off)", async () => {
      // Room for the warm-up list on a busy machine (it has no retry either); the hang costs the budget.
      const { users } = await ctx.adapter({ timeoutMs: 500, retry: false });
      await users.list();
      ctx.sim.failNext({ vendor, hang: true, operationId: operations.list });
      const error = await rejectionOf(users.list());
      expect(error).toBeInstanceOf(TimeoutError);
      expect(error).toMatchObject({ provider: users.provider, code: "timeout", retryable: true });
      expect((error as TimeoutError).status).toBeUndefined();
      expect((error as Error).message).toMatch(/500 ms/);
    });

    it("a read that timed out is retried with a fresh budget and succeeds", async () => {
      // The first list hangs until its budget is spent. A retry given what the first one left (nothing)
      // would time out at once, every time. Counted, not timed: on a busy machine a retry may run out
      // of its own budget too and is retried in turn, so the test asks for at least one retry.
      const retry = { maxRetries: 4, baseDelayMs: 1, maxDelayMs: 1 };
      const { scope, users, requests } = await ctx.adapter({ timeoutMs: 1_000, retry });
      await users.list();
      ctx.sim.failNext({ vendor, hang: true, operationId: operations.list });
      const before = requests.length;
      expect((await users.list()).map((user) => user.name)).toEqual(scope.storedNames());
      // The hung request and at least one re-send of it; the simulator handled the last one.
      expect(requests.length - before).toBeGreaterThanOrEqual(2);
      expect(new Set(requests.slice(before).map((request) => request.path)).size).toBe(1);
    });
  });
}
