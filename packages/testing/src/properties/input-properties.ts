import { type DatabaseUsers, ValidationError } from "@dbusers/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { suiteContext } from "../conformance/context.ts";
import type { ConformanceFixture } from "../conformance/fixture.ts";
import { rejectionOf } from "../rejection.ts";

/** A vendor's input rules as generators: what it must refuse, and what must reach it intact. */
export interface InputArbitraries {
  validName: fc.Arbitrary<string>;
  /** Names every operation refuses. */
  invalidName: fc.Arbitrary<string>;
  /** Names only `create` refuses (rules for new users that existing users may break). */
  invalidNewName?: fc.Arbitrary<string>;
  /** Where the vendor sets chosen passwords. */
  validPassword?: fc.Arbitrary<string>;
  invalidPassword?: fc.Arbitrary<string>;
}

const BY_NAME: Array<[string, (users: DatabaseUsers, name: string) => Promise<unknown>]> = [
  ["create", (users, name) => users.create({ name })],
  ["get", (users, name) => users.get(name)],
  ["resetPassword", (users, name) => users.resetPassword(name)],
  ["delete", (users, name) => users.delete(name)],
];

/**
 * Property-based tests (fast-check) of the inputs an adapter accepts: every generated invalid name or
 * password is a `ValidationError` and nothing is sent; every valid one reaches the server byte for byte.
 */
export async function describeInputProperties(
  fixture: ConformanceFixture,
  arbitraries: InputArbitraries,
): Promise<void> {
  const ctx = await suiteContext(fixture);
  describe(`input properties: ${fixture.name}`, () => {
    it("every invalid name is refused by every operation with a ValidationError, sending nothing", async () => {
      const { users, requests } = await ctx.adapter();
      await fc.assert(
        fc.asyncProperty(arbitraries.invalidName, async (name) => {
          for (const [operation, call] of BY_NAME) {
            expect(
              await rejectionOf(call(users, name)),
              `${operation}(${JSON.stringify(name)})`,
            ).toBeInstanceOf(ValidationError);
          }
          expect(requests).toHaveLength(0);
        }),
        { numRuns: 100 },
      );
    });

    const { invalidNewName } = arbitraries;
    if (invalidNewName) {
      it("every name the rules for new users refuse is refused by create, sending nothing", async () => {
        const { users, requests } = await ctx.adapter();
        await fc.assert(
          fc.asyncProperty(invalidNewName, async (name) => {
            expect(await rejectionOf(users.create({ name })), JSON.stringify(name)).toBeInstanceOf(
              ValidationError,
            );
            expect(requests).toHaveLength(0);
          }),
          { numRuns: 100 },
        );
      });
    }

    it("every valid name reaches the server byte for byte, and get and delete find it by that name", async () => {
      const { scope, users } = await ctx.adapter();
      await fc.assert(
        fc.asyncProperty(arbitraries.validName, async (name) => {
          fc.pre(!scope.storedNames().includes(name));
          const { user } = await users.create({ name });
          expect(user.name).toBe(name);
          expect(scope.storedNames()).toContain(name);
          expect((await users.get(name)).name).toBe(name);
          await users.delete(name);
          expect(scope.storedNames()).not.toContain(name);
        }),
        { numRuns: 40 },
      );
    });

    const { validPassword, invalidPassword } = arbitraries;
    if (invalidPassword) {
      it("every password a documented rule refuses is a ValidationError, with nothing sent", async () => {
        const { scope, users, requests } = await ctx.adapter();
        const name = scope.newName();
        scope.seedUsers([name]);
        await fc.assert(
          fc.asyncProperty(invalidPassword, async (password) => {
            const sent = requests.length;
            expect(await rejectionOf(users.setPassword(name, password))).toBeInstanceOf(ValidationError);
            expect(requests).toHaveLength(sent);
          }),
          { numRuns: 100 },
        );
      });
    }
    if (validPassword) {
      it("every valid password is stored as given", async () => {
        const { scope, users } = await ctx.adapter();
        const name = scope.newName();
        scope.seedUsers([name]);
        await fc.assert(
          fc.asyncProperty(validPassword, async (password) => {
            await users.setPassword(name, password);
            expect(scope.storedPassword(name)).toBe(password);
          }),
          { numRuns: 40 },
        );
      });
    }
  });
}
