import { type Capabilities, UnsupportedOperationError } from "@dbusers/core";
import { describe, expect, it } from "vitest";
import { rejectionOf } from "../rejection.ts";
import type { SuiteContext } from "./context.ts";

const FLAGS = ["get", "setPassword", "readOnly", "databases", "privileges", "asyncOperations"] as const;

/** Each flag is checked against what the adapter really does; a `false` must be refused before sending. */
export function capabilityTests(ctx: SuiteContext, capabilities: Capabilities): void {
  describe("capabilities tell the truth", () => {
    it("are a frozen set of booleans, with notes only for flags that exist", async () => {
      const { users } = await ctx.adapter();
      expect(Object.isFrozen(users.capabilities)).toBe(true);
      for (const flag of FLAGS) expect(typeof users.capabilities[flag], flag).toBe("boolean");
      for (const flag of Object.keys(users.capabilities.notes ?? {})) expect(FLAGS).toContain(flag);
    });

    it("readOnly: false means the default and is accepted everywhere", async () => {
      const { scope, users } = await ctx.adapter();
      const name = scope.newName();
      const { user } = await users.create({ name, readOnly: false });
      expect(user.name).toBe(name);
      expect(scope.storedReadOnly(name)).not.toBe(true);
    });

    if (capabilities.setPassword) {
      it("setPassword: supported, and the server holds the chosen password", async () => {
        const { scope, users } = await ctx.adapter();
        const name = scope.newName();
        scope.seedUsers([name]);
        const password = ctx.fixture.validPassword ?? "";
        await users.setPassword(name, password);
        expect(scope.storedPassword(name)).toBe(password);
      });
    } else {
      it("setPassword: unsupported, refused before sending", async () => {
        const { scope, users, requests } = await ctx.adapter();
        const name = scope.newName();
        scope.seedUsers([name]);
        expect(await rejectionOf(users.setPassword(name, "Chosen-password-0123456789"))).toBeInstanceOf(
          UnsupportedOperationError,
        );
        expect(requests).toHaveLength(0);
      });
    }

    if (capabilities.readOnly) {
      it("readOnly: supported, and the server holds a read-only user", async () => {
        const { scope, users } = await ctx.adapter();
        const name = scope.newName();
        const { user } = await users.create({ name, readOnly: true });
        expect(scope.storedReadOnly(name)).toBe(true);
        if (user.readOnly !== undefined) expect(user.readOnly).toBe(true);
      });
    } else {
      it("readOnly: unsupported, refused before sending", async () => {
        const { scope, users, requests } = await ctx.adapter();
        const error = await rejectionOf(users.create({ name: scope.newName(), readOnly: true }));
        expect(error).toBeInstanceOf(UnsupportedOperationError);
        expect(requests).toHaveLength(0);
      });
    }

    if (capabilities.databases) {
      it("databases: supported, and the user is created with them", async () => {
        const { scope, users } = await ctx.adapter();
        const name = scope.newName();
        const { user } = await users.create({ name, ...ctx.fixture.databasesInput });
        expect(scope.storedNames()).toContain(name);
        expect(user.name).toBe(name);
      });
    } else {
      it("databases: unsupported, refused before sending", async () => {
        const { scope, users, requests } = await ctx.adapter();
        const error = await rejectionOf(users.create({ name: scope.newName(), databases: ["app"] }));
        expect(error).toBeInstanceOf(UnsupportedOperationError);
        expect(requests).toHaveLength(0);
      });
    }
  });
}
