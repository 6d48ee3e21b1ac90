import { type DatabaseUsers, ValidationError } from "@dbusers/core";
import { describe, expect, it } from "vitest";
import { rejectionOf } from "../rejection.ts";
import type { SuiteContext } from "./context.ts";

export function validationTests(ctx: SuiteContext, canSetPassword: boolean): void {
  const { invalidNames } = ctx.fixture;
  const byName: Array<[string, (users: DatabaseUsers, name: string) => Promise<unknown>]> = [
    ["create", (users, name) => users.create({ name })],
    ["get", (users, name) => users.get(name)],
    ["resetPassword", (users, name) => users.resetPassword(name)],
    ["delete", (users, name) => users.delete(name)],
  ];

  describe("validation before any request", () => {
    it.each(byName)("%s refuses every name the vendor's rules refuse, sending nothing", async (_, call) => {
      const { users, requests } = await ctx.adapter();
      for (const name of invalidNames) {
        const error = await rejectionOf(call(users, name));
        expect(error, JSON.stringify(name)).toBeInstanceOf(ValidationError);
        expect((error as ValidationError).status).toBeUndefined();
        expect((error as ValidationError).issues?.length).toBeGreaterThan(0);
      }
      expect(requests).toHaveLength(0);
      expect(ctx.handled).toHaveLength(0);
    });

    if (ctx.fixture.invalidNewNames) {
      const newNames = ctx.fixture.invalidNewNames;
      it("create refuses every name the vendor's rules refuse for new users, sending nothing", async () => {
        const { users, requests } = await ctx.adapter();
        for (const name of newNames) {
          const error = await rejectionOf(users.create({ name }));
          expect(error, JSON.stringify(name)).toBeInstanceOf(ValidationError);
          expect((error as ValidationError).issues?.length).toBeGreaterThan(0);
        }
        expect(requests).toHaveLength(0);
        expect(ctx.handled).toHaveLength(0);
      });
    }

    it("create without a name (an untyped caller) is refused, sending nothing", async () => {
      const { users, requests } = await ctx.adapter();
      const untyped = users.create as (input: unknown) => Promise<unknown>;
      for (const input of [undefined, {}, { name: 42 }]) {
        expect(await rejectionOf(untyped(input))).toBeInstanceOf(ValidationError);
      }
      expect(requests).toHaveLength(0);
    });

    if (canSetPassword) {
      it("setPassword refuses every password the vendor's rules refuse, sending nothing", async () => {
        const { scope, users, requests } = await ctx.adapter();
        const name = scope.newName();
        scope.seedUsers([name]);
        for (const password of ctx.fixture.invalidPasswords ?? []) {
          expect(await rejectionOf(users.setPassword(name, password))).toBeInstanceOf(ValidationError);
        }
        for (const name of invalidNames) {
          const password = ctx.fixture.validPassword ?? "";
          expect(await rejectionOf(users.setPassword(name, password))).toBeInstanceOf(ValidationError);
        }
        expect(requests).toHaveLength(0);
      });
    }
  });
}
