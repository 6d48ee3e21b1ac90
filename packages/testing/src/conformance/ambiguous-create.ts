import { UnavailableError } from "@dbusers/core";
import type { FaultOptions } from "@dbusers/simulator";
import { describe, expect, it } from "vitest";
import { rejectionOf } from "../rejection.ts";
import { handledOf } from "../test-simulator.ts";
import type { SuiteContext } from "./context.ts";

// A create whose answer is lost or unusable after the server applied it: the adapter must neither
// create a second user nor hand back a password that does not work.
export function ambiguousCreateTests(ctx: SuiteContext): void {
  const { vendor, operations } = ctx.fixture;
  // An async vendor (Cloud66) follows a lost create's effect until the wait's time limit: a create that
  // never arrived fails only then. Synchronous vendors ignore `wait`.
  const notApplied = { wait: { timeoutMs: 1_000 } };
  const applied: Array<[string, FaultOptions]> = [
    ["the connection dropped after the server applied it", { drop: "after-handling" }],
    ["its 2xx body truncated", { truncate: true }],
    ["its answer too slow for the attempt's time budget", { delayMs: 2_000 }],
  ];

  describe("ambiguous create", () => {
    it.each(applied)(
      "with %s, one create is sent, the user exists once and its password works",
      async (_, fault) => {
        const { scope, users } = await ctx.adapter({ timeoutMs: 500 });
        const name = scope.newName();
        ctx.sim.failNext({ ...fault, vendor, operationId: operations.create });
        const { user, password } = await users.create({ name });
        expect(user.name).toBe(name);
        expect(password.reveal()).toBe(scope.storedPassword(name));
        expect(scope.storedNames().filter((stored) => stored === name)).toHaveLength(1);
        expect(handledOf(ctx.handled, operations.create)).toHaveLength(1);
      },
    );

    it("with the connection dropped before the server saw it, UnavailableError, no user, not re-sent", async () => {
      const { scope, users, requests } = await ctx.adapter();
      const name = scope.newName();
      await users.list(); // credentials warm, so every request below is the test's own
      const sentBefore = requests.length;
      ctx.sim.failNext({ vendor, drop: "before-handling", operationId: operations.create });
      const error = await rejectionOf(users.create({ name }, notApplied));
      expect(error).toBeInstanceOf(UnavailableError);
      expect((error as UnavailableError).status).toBeUndefined();
      expect(scope.storedNames()).not.toContain(name);
      const creates = requests.slice(sentBefore).filter((request) => request.method === "POST");
      expect(creates).toHaveLength(1);
    });

    it("answered 5xx without applying it, not re-sent, UnavailableError, no user", async () => {
      const { scope, users } = await ctx.adapter();
      const name = scope.newName();
      ctx.sim.failNext({ vendor, status: 500, operationId: operations.create });
      expect(await rejectionOf(users.create({ name }, notApplied))).toBeInstanceOf(UnavailableError);
      expect(scope.storedNames()).not.toContain(name);
      expect(handledOf(ctx.handled, operations.create)).toHaveLength(1);
    });
  });
}
