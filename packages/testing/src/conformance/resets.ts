import { DatabaseUsersError } from "@dbusers/core";
import type { Fault } from "@dbusers/simulator";
import { describe, expect, it } from "vitest";
import { rejectionOf } from "../rejection.ts";
import { SHORT_ATTEMPTS, SHORT_WAIT } from "./ambiguous-faults.ts";
import type { SuiteContext } from "./context.ts";

// A reset whose answer was lost may have replaced the password with one nobody has. Another rotation
// is harmless, so it is sent again until the caller holds a working password; if it never gets one,
// the error says so: outcome unknown, the old password may be gone.
export function resetTests(ctx: SuiteContext): void {
  const { vendor, operations } = ctx.fixture;
  const lost: Array<[string, Fault]> = [
    ["the connection dropped after the server reset it", { drop: "after-handling" }],
    ["its 2xx answer cut short", { truncate: true }],
    ["its answer later than the attempt's time budget", { delayMs: 2_000 }],
  ];

  describe("lost resets", () => {
    it.each(lost)("a reset with %s ends with a password that works", async (_, fault) => {
      const { scope, users } = await ctx.adapter(SHORT_ATTEMPTS);
      const name = scope.newName();
      scope.seedUsers([name]);
      const before = scope.storedPassword(name);
      await users.list();
      ctx.sim.failNext({ ...fault, vendor, operationId: operations.resetPassword });
      const { password } = await users.resetPassword(name, SHORT_WAIT);
      expect(password.reveal()).toBe(scope.storedPassword(name));
      expect(password.reveal()).not.toBe(before);
    });

    it("a reset whose every answer is lost fails with outcome unknown, saying the password may have changed", async () => {
      const { scope, users } = await ctx.adapter(SHORT_ATTEMPTS);
      const name = scope.newName();
      scope.seedUsers([name]);
      await users.list();
      ctx.sim.failNext({ vendor, drop: "after-handling", count: 50, operationId: operations.resetPassword });
      const error = await rejectionOf(users.resetPassword(name, SHORT_WAIT));
      ctx.sim.clearFaults();
      expect(error, String(error)).toBeInstanceOf(DatabaseUsersError);
      expect(error).toMatchObject({ outcome: "unknown", operation: "resetPassword" });
      expect((error as Error).message).toMatch(/password/i);
    });
  });
}
