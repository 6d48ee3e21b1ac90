import { describe, expect, it } from "vitest";
import { SHORT_WAIT } from "./ambiguous-faults.ts";
import type { SuiteContext } from "./context.ts";

// A delete whose answer was lost is sent again; the re-send must not remove a user made under the
// same name after this delete began. Through one client, the name's lock keeps the two apart; where the
// vendor gives users an id of their own, a user another client made is spared too. (Without such an
// id, DigitalOcean and Scalingo, a user another client makes during the backoff cannot be told from
// the one deleted: that race remains, and is documented.)
export function deleteTests(ctx: SuiteContext): void {
  const { vendor, operations } = ctx.fixture;

  describe("deletes", () => {
    it("a delete whose answer was lost and a create of the same name through the same client: the new user stays", async () => {
      const { scope, users } = await ctx.adapter();
      const name = scope.newName();
      scope.seedUsers([name]);
      await users.list();
      ctx.sim.failNext({ vendor, drop: "after-handling", operationId: operations.delete });
      const deleting = users.delete(name, SHORT_WAIT);
      const creating = users.create({ name }, SHORT_WAIT);
      const [deleted, created] = await Promise.allSettled([deleting, creating]);
      expect(deleted.status, String((deleted as PromiseRejectedResult).reason)).toBe("fulfilled");
      expect(created.status, String((created as PromiseRejectedResult).reason)).toBe("fulfilled");
      expect(scope.storedNames().filter((stored) => stored === name)).toHaveLength(1);
      expect(
        (created as PromiseFulfilledResult<{ password: { reveal(): string } }>).value.password.reveal(),
      ).toBe(scope.storedPassword(name));
    });

    if (ctx.fixture.immutableIds) {
      it("a delete whose answer was lost does not remove the user another client made under that name meanwhile", async () => {
        const { scope, users, intercept } = await ctx.adapter();
        const name = scope.newName();
        scope.seedUsers([name]);
        await users.list();
        let remade: string | undefined;
        intercept(async (request, send) => {
          try {
            return await send();
          } catch (error) {
            if (request.method === "DELETE" && remade === undefined) {
              scope.seedUsers([name]);
              remade = scope.storedPassword(name);
            }
            throw error;
          }
        });
        ctx.sim.failNext({ vendor, drop: "after-handling", operationId: operations.delete });
        await users.delete(name, SHORT_WAIT);
        expect(remade).toBeDefined();
        expect(scope.storedNames().filter((stored) => stored === name)).toHaveLength(1);
        expect(scope.storedPassword(name)).toBe(remade);
      });
    }
  });
}
