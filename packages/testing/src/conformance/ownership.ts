import { ConflictError, type DatabaseUsers, DatabaseUsersError } from "@dbusers/core";
import type { Fault } from "@dbusers/simulator";
import { describe, expect, it } from "vitest";
import { rejectionOf } from "../rejection.ts";
import { AMBIGUOUS_FAULTS, SHORT_ATTEMPTS, SHORT_WAIT } from "./ambiguous-faults.ts";
import { isCreateRequest } from "./conflicts.ts";
import type { SuiteContext } from "./context.ts";

// A create never ends holding someone else's user: not one that had the name before the call, not the
// vendor's protected or primary user, not one whose id equals the name, not one another client made
// while the create was on its way. Whatever the failure, that user keeps its password.
export function ownershipTests(
  ctx: SuiteContext,
  { canReadOnly, hasProtectedUser }: { canReadOnly: boolean; hasProtectedUser: boolean },
): void {
  const { vendor, operations } = ctx.fixture;
  const failCreate = (fault: Fault) => ctx.sim.failNext({ ...fault, vendor, operationId: operations.create });

  /** The create rejects (a DatabaseUsersError), and `name` is still its owner's: once, same password. */
  async function expectUntouched(
    users: DatabaseUsers,
    input: { name: string; readOnly?: boolean },
    check: {
      name: string;
      password: string | undefined;
      stored: () => string[];
      passwordOf: (n: string) => string | undefined;
    },
  ): Promise<DatabaseUsersError> {
    const error = await rejectionOf(users.create(input, SHORT_WAIT));
    expect(error, String(error)).toBeInstanceOf(DatabaseUsersError);
    expect(check.stored().filter((stored) => stored === check.name)).toHaveLength(1);
    expect(check.passwordOf(check.name)).toBe(check.password);
    return error as DatabaseUsersError;
  }

  describe("ownership", () => {
    it.each(AMBIGUOUS_FAULTS)(
      "create of a name another client holds, failing with %s, leaves that user alone",
      async (_, fault) => {
        const { scope, users } = await ctx.adapter(SHORT_ATTEMPTS);
        const name = scope.newName();
        scope.seedUsers([name]);
        const check = {
          name,
          password: scope.storedPassword(name),
          stored: scope.storedNames,
          passwordOf: scope.storedPassword,
        };
        failCreate(fault);
        await expectUntouched(users, { name }, check);
      },
    );

    // Only an answer that still shows the vendor's verdict (its status; Cloud66's failed action): with
    // the answer lost altogether, nothing tells this from the call's own create, on vendors without ids.
    it.each([["its answer cut short", { truncate: true }]] satisfies Array<[string, Fault]>)(
      "create of a name another client takes while the create is on its way, with %s, is not handed that user",
      async (_, fault) => {
        const { scope, users, intercept } = await ctx.adapter(SHORT_ATTEMPTS);
        const name = scope.newName();
        let bystander: string | undefined;
        intercept(async (request, send) => {
          if (bystander === undefined && isCreateRequest(request)) {
            scope.seedUsers([name]);
            bystander = scope.storedPassword(name);
            failCreate(fault);
          }
          return send();
        });
        const error = await rejectionOf(users.create({ name }, SHORT_WAIT));
        expect(error, String(error)).toBeInstanceOf(DatabaseUsersError);
        expect(scope.storedNames().filter((stored) => stored === name)).toHaveLength(1);
        expect(scope.storedPassword(name)).toBe(bystander);
      },
    );

    if (hasProtectedUser) {
      it("create of the vendor's protected or primary user, failing with a 500, leaves it alone", async () => {
        const { scope, users } = await ctx.adapter(SHORT_ATTEMPTS);
        const name = scope.protectedName ?? "";
        const check = {
          name,
          password: scope.storedPassword(name),
          stored: scope.storedNames,
          passwordOf: scope.storedPassword,
        };
        failCreate({ status: 500 });
        await expectUntouched(users, { name }, check);
      });
    }

    if (ctx.fixture.immutableIds) {
      it("create of a name equal to another user's id, failing with a 500, leaves that user alone", async () => {
        const { scope, users } = await ctx.adapter(SHORT_ATTEMPTS);
        const other = scope.newName();
        scope.seedUsers([other]);
        const { id } = await users.get(other);
        expect(id).not.toBe(other);
        const password = scope.storedPassword(other);
        failCreate({ status: 500 });
        const error = await rejectionOf(users.create({ name: id }, SHORT_WAIT));
        expect(error, String(error)).toBeInstanceOf(DatabaseUsersError);
        expect(scope.storedNames()).toContain(other);
        expect(scope.storedPassword(other)).toBe(password);
      });
    }

    it("two creates of one name at once, the first one's answer lost: one user, one winner whose password works", async () => {
      const { scope, users } = await ctx.adapter(SHORT_ATTEMPTS);
      const name = scope.newName();
      failCreate({ drop: "after-handling" });
      const results = await Promise.allSettled([
        users.create({ name }, SHORT_WAIT),
        users.create({ name }, SHORT_WAIT),
      ]);
      const won = results.filter((result) => result.status === "fulfilled");
      const lost = results.filter((result) => result.status === "rejected");
      expect(won, JSON.stringify(lost.map((r) => String(r.reason)))).toHaveLength(1);
      expect(lost[0]?.reason).toBeInstanceOf(ConflictError);
      expect(won[0]?.value.password.reveal()).toBe(scope.storedPassword(name));
      expect(scope.storedNames().filter((stored) => stored === name)).toHaveLength(1);
    });

    if (canReadOnly) {
      it("a create of a writer that finds a reader of that name, made while it was on its way, is not handed it", async () => {
        const { scope, users, intercept } = await ctx.adapter(SHORT_ATTEMPTS);
        const seedReader = scope.seedReadOnlyUser;
        if (!seedReader) throw new Error(`${ctx.fixture.name}: read-only users but no seedReadOnlyUser`);
        const name = scope.newName();
        let reader: string | undefined;
        intercept(async (request, send) => {
          if (reader === undefined && isCreateRequest(request)) {
            seedReader(name);
            reader = scope.storedPassword(name);
            failCreate({ status: 500 });
          }
          return send();
        });
        const error = await rejectionOf(users.create({ name, readOnly: false }, SHORT_WAIT));
        expect(error, String(error)).toBeInstanceOf(DatabaseUsersError);
        expect((error as DatabaseUsersError).outcome).toBe("unknown");
        expect(scope.storedReadOnly(name)).toBe(true);
        expect(scope.storedPassword(name)).toBe(reader);
      });
    }
  });
}
