import { ConflictError, type DatabaseUsersError } from "@dbusers/core";
import { describe, expect, it } from "vitest";
import { rejectionOf } from "../rejection.ts";
import { handledOf } from "../test-simulator.ts";
import { SHORT_WAIT } from "./ambiguous-faults.ts";
import type { SuiteContext } from "./context.ts";

// A taken name is the same error on every vendor: ConflictError, code "conflict". The name is proved
// free before anything is sent, so a name taken before the call costs no create request; a name another
// client takes in the instant between that proof and the create is the vendor's refusal, mapped alike.
export function conflictTests(ctx: SuiteContext): void {
  const { operations } = ctx.fixture;

  describe("taken names", () => {
    it("create of a taken name is a ConflictError (code conflict, not applied), no create sent", async () => {
      const { scope, users, requests } = await ctx.adapter();
      const name = scope.newName();
      scope.seedUsers([name]);
      const password = scope.storedPassword(name);
      const error = await rejectionOf(users.create({ name }, SHORT_WAIT));
      expect(error, String(error)).toBeInstanceOf(ConflictError);
      expect(error).toMatchObject({ code: "conflict", outcome: "not-applied", operation: "create" });
      expect(handledOf(ctx.handled, operations.create)).toHaveLength(0);
      expect(requests.filter(isCreateRequest)).toEqual([]);
      expect(scope.storedPassword(name)).toBe(password);
    });

    it("create of a name another client takes while the create is on its way is a ConflictError too", async () => {
      const { scope, users, intercept } = await ctx.adapter();
      const name = scope.newName();
      let bystanderPassword: string | undefined;
      intercept(async (request, send) => {
        if (bystanderPassword === undefined && isCreateRequest(request)) {
          scope.seedUsers([name]);
          bystanderPassword = scope.storedPassword(name);
        }
        return send();
      });
      const error = await rejectionOf(users.create({ name }, SHORT_WAIT));
      expect(bystanderPassword).toBeDefined();
      expect(error, String(error)).toBeInstanceOf(ConflictError);
      expect((error as DatabaseUsersError).code).toBe("conflict");
      expect(scope.storedNames().filter((stored) => stored === name)).toHaveLength(1);
      expect(scope.storedPassword(name)).toBe(bystanderPassword);
    });
  });
}

/** Whether a request is a create: every vendor creates by POSTing to its users collection. */
export function isCreateRequest(request: { method: string; path: string }): boolean {
  return request.method === "POST" && /users$/.test(request.path);
}
