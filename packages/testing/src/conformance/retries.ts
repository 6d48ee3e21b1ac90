import { describe, expect, it } from "vitest";
import { handledOf } from "../test-simulator.ts";
import type { SuiteContext } from "./context.ts";

export function retryTests(ctx: SuiteContext): void {
  const { vendor, operations, throttle } = ctx.fixture;

  describe("retries on throttling", () => {
    it("a throttled read is retried and the caller sees no error", async () => {
      const { scope, users } = await ctx.adapter();
      ctx.sim.failNext({ ...throttle, vendor, operationId: operations.list, retryAfterSeconds: 0 });
      expect((await users.list()).map((user) => user.name)).toEqual(scope.storedNames());
      expect(handledOf(ctx.handled, operations.list)).toHaveLength(2);
    });

    it("a throttled create is re-sent (throttling proves nothing was done) and creates one user", async () => {
      const { scope, users } = await ctx.adapter();
      const name = scope.newName();
      ctx.sim.failNext({ ...throttle, vendor, operationId: operations.create, retryAfterSeconds: 0 });
      const { password } = await users.create({ name });
      expect(password.reveal()).toBe(scope.storedPassword(name));
      expect(scope.storedNames().filter((stored) => stored === name)).toHaveLength(1);
      expect(handledOf(ctx.handled, operations.create)).toHaveLength(2);
    });

    it("a 5xx burst on a read is ridden out within the retry budget", async () => {
      const { scope, users } = await ctx.adapter();
      ctx.sim.failNext({ vendor, status: 503, count: 2, operationId: operations.list });
      expect((await users.list()).map((user) => user.name)).toEqual(scope.storedNames());
      expect(handledOf(ctx.handled, operations.list)).toHaveLength(3);
    });
  });
}
