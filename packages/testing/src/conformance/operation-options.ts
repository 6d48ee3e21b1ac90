import { type Capabilities, type DatabaseUsers, NotFoundError, ValidationError } from "@dbusers/core";
import { describe, expect, it } from "vitest";
import { rejectionOf } from "../rejection.ts";
import type { SuiteContext } from "./context.ts";

/** Options a JavaScript caller may pass by mistake, and the field each refusal names. */
export const INVALID_OPERATION_OPTIONS: ReadonlyArray<readonly [options: unknown, path: string]> = [
  [null, "options"],
  ["fast", "options"],
  [{ signal: "abort" }, "signal"],
  [{ wait: "soon" }, "wait"],
  [{ wait: { timeoutMs: -1 } }, "wait.timeoutMs"],
];

type Call = (users: DatabaseUsers, name: string, options: never) => Promise<unknown>;

/** The last argument of every operation is checked before anything is sent, the same on every vendor. */
export function operationOptionsTests(ctx: SuiteContext, capabilities: Capabilities): void {
  const { fixture } = ctx;
  const operations: Array<[string, Call]> = [
    ["list", (users, _, options) => users.list(options)],
    ["get", (users, name, options) => users.get(name, options)],
    ["create", (users, _, options) => users.create({ name: `${_}x` }, options)],
    ["resetPassword", (users, name, options) => users.resetPassword(name, options)],
    ["setPassword", (users, name, options) => users.setPassword(name, fixture.validPassword ?? "x", options)],
    ["delete", (users, name, options) => users.delete(name, options)],
  ];

  describe("the options of every operation", () => {
    it.each(operations)(
      "%s refuses options that are not options, naming them, sending nothing",
      async (_, call) => {
        const { scope, users, requests } = await ctx.adapter();
        const name = scope.newName();
        scope.seedUsers([name]);
        for (const [options, path] of INVALID_OPERATION_OPTIONS) {
          const error = await rejectionOf(call(users, name, options as never));
          expect(error, JSON.stringify(options)).toBeInstanceOf(ValidationError);
          expect(error).toMatchObject({ provider: users.provider, issues: [{ path }] });
        }
        expect(requests).toHaveLength(0);
        expect(ctx.handled).toHaveLength(0);
        expect(scope.storedNames()).toContain(name);
      },
    );

    it("iterate refuses them when called, before the loop asks for a user", async () => {
      const { users, requests } = await ctx.adapter();
      for (const [options, path] of INVALID_OPERATION_OPTIONS) {
        let error: unknown;
        try {
          users.iterate(options as never);
        } catch (thrown) {
          error = thrown;
        }
        expect(error, JSON.stringify(options)).toBeInstanceOf(ValidationError);
        expect(error).toMatchObject({ issues: [{ path }] });
      }
      expect(requests).toHaveLength(0);
    });

    it("well-formed options are accepted", async () => {
      const { scope, users } = await ctx.adapter();
      const name = scope.newName();
      scope.seedUsers([name]);
      const signal = new AbortController().signal;
      expect((await users.get(name, { signal, wait: true })).name).toBe(name);
      expect((await users.list({ signal, wait: { timeoutMs: 1_000 } })).map((user) => user.name)).toContain(
        name,
      );
    });

    if (!capabilities.asyncOperations) {
      it("`wait` changes nothing where every operation is synchronous", async () => {
        const { scope, users } = await ctx.adapter();
        const name = scope.newName();
        scope.seedUsers([name]);
        await users.delete(name, { wait: false });
        expect(scope.storedNames()).not.toContain(name);
        expect(await rejectionOf(users.get(name))).toBeInstanceOf(NotFoundError);
      });
    }
  });
}
