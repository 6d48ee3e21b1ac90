import { describe, expect, it } from "vitest";
import { handledOf } from "../test-simulator.ts";
import type { SuiteContext } from "./context.ts";

export function paginationTests(ctx: SuiteContext): void {
  const { manyUsers, operations } = ctx.fixture;

  describe("pagination", () => {
    it(`list returns all ${manyUsers} users once each, in the server's order, and iterate the same`, async () => {
      const { scope, users } = await ctx.adapter();
      scope.seedUsers(Array.from({ length: manyUsers }, () => scope.newName()));
      const stored = scope.storedNames();
      expect(stored.length).toBeGreaterThanOrEqual(manyUsers);
      const listed = (await users.list()).map((user) => user.name);
      expect(listed).toEqual(stored);
      expect(new Set(listed).size).toBe(listed.length);
      const iterated: string[] = [];
      for await (const user of users.iterate()) iterated.push(user.name);
      expect(iterated).toEqual(stored);
    });

    it("iterate fetches lazily, reading one page when the loop stops after the first user", async () => {
      const { scope, users } = await ctx.adapter();
      scope.seedUsers(Array.from({ length: manyUsers }, () => scope.newName()));
      await users.list();
      ctx.handled.length = 0;
      for await (const user of users.iterate()) {
        expect(user.name).toBe(scope.storedNames()[0]);
        break;
      }
      expect(handledOf(ctx.handled, operations.list)).toHaveLength(1);
    });
  });
}
