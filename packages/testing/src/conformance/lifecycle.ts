import { NotFoundError, Secret } from "@dbusers/core";
import { describe, expect, it } from "vitest";
import { handledOf } from "../test-simulator.ts";
import type { SuiteContext } from "./context.ts";

export function lifecycleTests(ctx: SuiteContext): void {
  describe("lifecycle", () => {
    it("create → list → get → resetPassword → delete, each one applied by the server", async () => {
      const { scope, users } = await ctx.adapter();
      const name = scope.newName();

      const created = await users.create({ name });
      expect(created.user).toMatchObject({ provider: users.provider, name });
      expect(created.password).toBeInstanceOf(Secret);
      expect(created.password.reveal()).toBe(scope.storedPassword(name));

      expect((await users.list()).map((user) => user.name)).toContain(name);
      const got = await users.get(name);
      expect(got).toMatchObject({ provider: users.provider, name, id: created.user.id });

      const reset = await users.resetPassword(name);
      expect(reset.user.name).toBe(name);
      expect(reset.password.reveal()).not.toBe(created.password.reveal());
      expect(reset.password.reveal()).toBe(scope.storedPassword(name));

      await users.delete(name);
      expect(scope.storedNames()).not.toContain(name);
      await expect(users.get(name)).rejects.toBeInstanceOf(NotFoundError);
    });

    it("lists what the server holds, in its order, once each", async () => {
      const { scope, users } = await ctx.adapter();
      scope.seedUsers([scope.newName(), scope.newName(), scope.newName()]);
      const listed = (await users.list()).map((user) => user.name);
      expect(listed).toEqual(scope.storedNames());
      const iterated: string[] = [];
      for await (const user of users.iterate()) iterated.push(user.name);
      expect(iterated).toEqual(listed);
    });
  });

  describe("not found", () => {
    it("get, resetPassword and delete of an absent user raise NotFoundError and change nothing", async () => {
      const { scope, users } = await ctx.adapter();
      const kept = scope.newName();
      scope.seedUsers([kept]);
      const before = scope.storedPassword(kept);
      const absent = scope.newName();
      await expect(users.get(absent)).rejects.toBeInstanceOf(NotFoundError);
      await expect(users.resetPassword(absent)).rejects.toBeInstanceOf(NotFoundError);
      await expect(users.delete(absent)).rejects.toBeInstanceOf(NotFoundError);
      expect(scope.storedNames()).not.toContain(absent);
      expect(scope.storedPassword(kept)).toBe(before);
      expect(handledOf(ctx.handled, ctx.fixture.operations.create)).toHaveLength(0);
    });
  });
}
