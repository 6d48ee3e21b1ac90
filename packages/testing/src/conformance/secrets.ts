import { REDACTED } from "@dbusers/core";
import { describe, expect, it } from "vitest";
import { capturingLogger } from "../capturing-logger.ts";
import { jsonRewrite } from "../recording-fetch.ts";
import { rejectionOf } from "../rejection.ts";
import { expectNoLeak } from "../secrets.ts";
import type { SuiteContext } from "./context.ts";

export function secretTests(ctx: SuiteContext): void {
  describe("secrets stay secret", () => {
    it("a user's raw keeps no credential the vendor sends beyond its spec", async () => {
      const { scope, users, rewriteNext } = await ctx.adapter();
      scope.seedUsers([scope.newName()]);
      await users.list(); // credentials warm: the next answer is the list's
      const extra = {
        password: "Undeclared-Pass-1",
        password_confirmation: "Undeclared-Pass-1",
        api_token: "tk-extra-1",
      };
      rewriteNext(jsonRewrite((body) => ctx.fixture.listCorruptions.extraFields(body, extra)));
      const listed = await users.list();
      expect(listed.length).toBeGreaterThan(0);
      expectNoLeak(listed, Object.values(extra));
    });

    it("results, users, passwords, the adapter and every debug line show no password or token", async () => {
      const { logger, lines } = capturingLogger();
      const { scope, users } = await ctx.adapter({ logger });
      const name = scope.newName();
      const created = await users.create({ name });
      const first = scope.storedPassword(name) ?? "";
      const reset = await users.resetPassword(name);
      const second = scope.storedPassword(name) ?? "";
      const listed = await users.list();
      const got = await users.get(name);
      const secrets = [ctx.fixture.token, first, second];

      expect(String(created.password)).toBe(REDACTED);
      expect(JSON.stringify(created)).toContain(`"password":"${REDACTED}"`);
      for (const value of [created, reset, listed, got, users]) expectNoLeak(value, secrets);
      expect(lines.length).toBeGreaterThan(0);
      for (const line of lines) {
        expect(line.level).toBe("debug");
        expectNoLeak([line.message, line.meta], secrets);
      }
    });

    it("errors carry no token or password, whatever went wrong", async () => {
      const { logger, lines } = capturingLogger();
      // The hang below costs the whole budget; 200 ms was too little for the other answers on a busy machine.
      const { scope, users } = await ctx.adapter({ logger, retry: false, timeoutMs: 1_000 });
      const name = scope.newName();
      scope.seedUsers([name]);
      const stored = scope.storedPassword(name) ?? "";
      const { vendor, operations } = ctx.fixture;
      const errors = [await rejectionOf(users.get(scope.newName()))];
      ctx.sim.failNext({ vendor, drop: "before-handling", operationId: operations.list });
      errors.push(await rejectionOf(users.list()));
      ctx.sim.failNext({ vendor, hang: true, operationId: operations.list });
      errors.push(await rejectionOf(users.list()));
      ctx.sim.failNext({ vendor, status: 422, operationId: operations.resetPassword });
      errors.push(await rejectionOf(users.resetPassword(name)));
      ctx.sim.failNext({ vendor, truncate: true, operationId: operations.list });
      errors.push(await rejectionOf(users.list()));
      expect(errors.map((error) => (error as Error).name)).toEqual([
        "NotFoundError",
        "UnavailableError",
        "TimeoutError",
        "ValidationError",
        "InvalidResponseError",
      ]);
      for (const error of errors) expectNoLeak(error, [ctx.fixture.token, stored]);
      for (const line of lines) expectNoLeak([line.message, line.meta], [ctx.fixture.token, stored]);
    });
  });
}
