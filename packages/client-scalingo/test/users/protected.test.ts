// The database's owner is protected: Scalingo refuses to change or delete it. The adapter refuses it
// before sending once it knows the user is protected, and maps Scalingo's refusal otherwise.
import { PermissionError } from "@dbusers/core";
import type { ScalingoDatabase } from "@dbusers/simulator";
import { describe, expect, it } from "vitest";
import type { ScalingoUsers } from "../../src/index.ts";
import { adapterFor, rejectionOf, startTestSimulator, summary, TOKEN_FLOW } from "./harness.ts";

const { sim } = await startTestSimulator();

const changes: Array<[string, (users: ScalingoUsers, name: string) => Promise<unknown>, string]> = [
  ["setPassword", (users, name) => users.setPassword(name, "Chosen-password-0123456789"), "changed"],
  ["resetPassword", (users, name) => users.resetPassword(name), "changed"],
  ["delete", (users, name) => users.delete(name), "deleted"],
];

const ownerOf = (database: ScalingoDatabase) => sim.scalingo.getUser(database.id, database.name);

describe("Scalingo adapter: protected users", () => {
  it.each(changes)(
    "%s of the owner, once a list showed it protected: PermissionError, nothing sent",
    async (_, call, change) => {
      const database = sim.scalingo.addDatabase({ name: "my_app_4553" });
      const before = ownerOf(database);
      const { users, requests } = adapterFor(sim, database);
      expect((await users.list())[0]).toMatchObject({ name: "my_app_4553", protected: true });
      const sent = requests.length;

      const error = await rejectionOf(call(users, "my_app_4553"));
      expect(error).toBeInstanceOf(PermissionError);
      expect(error).toMatchObject({
        code: "permission_denied",
        outcome: "not-applied",
        message: `scalingo: user "my_app_4553" is protected: Scalingo manages it with the database, so it cannot be ${change}`,
      });
      expect((error as PermissionError).status).toBeUndefined();
      expect(requests).toHaveLength(sent);
      expect(ownerOf(database)).toEqual(before);
    },
  );

  it.each(changes)(
    "%s of the owner by a fresh adapter: Scalingo's 403 is the PermissionError, then it is known",
    async (_, call) => {
      const database = sim.scalingo.addDatabase({ name: "my_app_4553" });
      const before = ownerOf(database);
      const { users, requests } = adapterFor(sim, database);

      const error = await rejectionOf(call(users, "my_app_4553"));
      expect(error).toBeInstanceOf(PermissionError);
      expect(error).toMatchObject({
        status: 403,
        vendorCode: "protected_user",
        requestId: expect.any(String),
        outcome: "not-applied",
      });
      expect((error as Error).message).toMatch(/^scalingo answered 403: user my_app_4553 is protected/);
      expect(summary(requests, database)).toHaveLength(TOKEN_FLOW.length + 1);

      // Learned from the answer: the next attempt is refused without a request.
      expect(await rejectionOf(call(users, "my_app_4553"))).toBeInstanceOf(PermissionError);
      expect(summary(requests, database)).toHaveLength(TOKEN_FLOW.length + 1);
      expect(ownerOf(database)).toEqual(before);
    },
  );

  it("a 422 that says the user is protected is a PermissionError too (Scalingo documents neither status)", async () => {
    const database = sim.scalingo.addDatabase({ name: "my_app_4553" });
    const { users, requests, rewriteNext } = adapterFor(sim, database);
    await rejectionOf(users.resetPassword("nobody")); // a 404 that warms the tokens and teaches nothing
    rewriteNext(
      () =>
        new Response(JSON.stringify({ errors: { name: ["is protected and cannot be deleted"] } }), {
          status: 422,
          headers: { "content-type": "application/json", "x-request-id": "req-422" },
        }),
    );
    const error = await rejectionOf(users.delete("my_app_4553"));
    expect(error).toBeInstanceOf(PermissionError);
    expect(error).toMatchObject({
      status: 422,
      requestId: "req-422",
      message: "scalingo answered 422: name is protected and cannot be deleted",
      // A refusal: the delete was not carried out, and it was not sent again to find out.
      outcome: "not-applied",
      operation: "delete",
    });
    const sent = requests.length;
    expect(await rejectionOf(users.delete("my_app_4553"))).toBeInstanceOf(PermissionError);
    expect(requests).toHaveLength(sent);
  });

  it.each(changes)(
    "%s of the owner spelled in another case is refused too: Scalingo compares names so",
    async (_, call, change) => {
      const database = sim.scalingo.addDatabase({ name: "my_app_4553" });
      const before = ownerOf(database);
      const { users, requests } = adapterFor(sim, database);
      await users.list();
      const sent = requests.length;

      const error = await rejectionOf(call(users, "MY_APP_4553"));
      expect(error).toBeInstanceOf(PermissionError);
      expect((error as Error).message).toBe(
        `scalingo: user "MY_APP_4553" is protected: Scalingo manages it with the database, so it cannot be ${change}`,
      );
      expect(requests).toHaveLength(sent);
      expect(ownerOf(database)).toEqual(before);
    },
  );

  it("a protection learned from Scalingo's refusal covers the name in any case", async () => {
    const database = sim.scalingo.addDatabase({ name: "my_app_4553" });
    const { users, requests } = adapterFor(sim, database);
    expect(await rejectionOf(users.delete("my_app_4553"))).toBeInstanceOf(PermissionError);
    const sent = requests.length;
    expect(await rejectionOf(users.delete("My_App_4553"))).toBeInstanceOf(PermissionError);
    expect(requests).toHaveLength(sent);
  });

  it("a user that is no longer listed as protected may be changed again", async () => {
    const database = sim.scalingo.addDatabase({ name: "my_app_4553" });
    const { users } = adapterFor(sim, database);
    await users.list();
    const owner = ownerOf(database);
    sim.scalingo.removeUser(database.id, "my_app_4553");
    sim.scalingo.addUser(database.id, { name: "my_app_4553", password: owner?.password ?? "" });
    await users.list();
    await users.setPassword("my_app_4553", "Chosen-password-0123456789");
    expect(ownerOf(database)?.password).toBe("Chosen-password-0123456789");
  });

  it("other refusals are not taken for protection: a 403 without it stays as it is, and teaches nothing", async () => {
    const database = sim.scalingo.addDatabase();
    sim.scalingo.addUser(database.id, { name: "reporting" });
    const { users } = adapterFor(sim, database);
    await users.list();
    sim.failNext({ vendor: "scalingo", status: 403, operationId: "database_delete_user" });
    const error = await rejectionOf(users.delete("reporting"));
    expect(error).toMatchObject({ name: "PermissionError", status: 403, vendorCode: "forbidden" });
    await users.delete("reporting");
    expect(sim.scalingo.getUser(database.id, "reporting")).toBeUndefined();
  });
});
