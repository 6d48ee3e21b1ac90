import { NotFoundError } from "@dbusers/core";
import { describe, expect, it } from "vitest";
import { rejectionOf } from "../rejection.ts";
import type { SuiteContext } from "./context.ts";

// The same situation is the same error on every vendor, down to its status: a user that is not there
// is a 404, whether the vendor has an endpoint for one user or the adapter looked through the list.
export function notFoundStatusTests(ctx: SuiteContext): void {
  describe("missing users", () => {
    it("get of a deleted user is a NotFoundError with status 404", async () => {
      const { scope, users } = await ctx.adapter();
      const name = scope.newName();
      scope.seedUsers([name]);
      await users.delete(name);
      const error = await rejectionOf(users.get(name));
      expect(error).toBeInstanceOf(NotFoundError);
      expect((error as NotFoundError).status).toBe(404);
    });
  });
}
