// Scalingo's mutations on core's engine, against the simulator's faults: each ends with a working result
// or an error whose outcome is right, and none touches a user this call did not make. The engine's
// rules are core's to prove; these are the facts Scalingo declares (users by name, the adapter's own
// password, read_only, the protected owner) and what they lead to.
import { ConflictError, UnavailableError } from "@dbusers/core";
import { describe, expect, it } from "vitest";
import { adapterFor, handledOf, rejectionOf, startTestSimulator, summary } from "./harness.ts";

const { sim, handled } = await startTestSimulator();

const LIST = "GET /api/databases/{id}/users";
const CREATE = "POST /api/databases/{id}/users";
const CHOSEN = "Chosen-password-0123456789";

/** A hook that plays another client creating `name` as this call's create leaves. */
const othersCreate =
  (databaseId: string, name: string, readOnly: boolean) => (method: string, path: string) => {
    if (method === "POST" && path.endsWith("/users")) {
      sim.scalingo.addUser(databaseId, { name, password: "bystander-password", read_only: readOnly });
    }
  };

describe("Scalingo adapter: a create whose answer was lost claims only what it made", () => {
  it("a user found read-only when read-write was asked is not claimed: the error, outcome unknown", async () => {
    const database = sim.scalingo.addDatabase();
    const { users, requests } = adapterFor(sim, database, {}, othersCreate(database.id, "reporting", true));
    await users.list();
    const sent = requests.length;
    sim.failNext({ vendor: "scalingo", drop: "after-handling", operationId: "database_create_user" });
    const error = await rejectionOf(users.create({ name: "reporting", readOnly: false }));
    expect(error).toBeInstanceOf(UnavailableError);
    expect(error).toMatchObject({ outcome: "unknown", operation: "create", step: "create request" });
    expect((error as Error).message).toMatch(/the user may have been created/);
    // Looked up after the lost answer, and left alone: no password sent.
    expect(summary(requests.slice(sent), database)).toEqual([LIST, CREATE, LIST]);
    expect(sim.scalingo.getUser(database.id, "reporting")?.password).toBe("bystander-password");
  });

  it("the protected owner, hidden from the first lookup, is never claimed", async () => {
    // Named by the rules for new users, so that a create of its name reaches Scalingo.
    const database = sim.scalingo.addDatabase({ name: "my-app-4553" });
    const owner = sim.scalingo.getUser(database.id, "my-app-4553");
    expect(owner?.protected).toBe(true);
    const { users, requests, rewriteNext } = adapterFor(sim, database);
    await users.list();
    const sent = requests.length;
    // A proxy serves the lookup a stale list without the owner; the create's answer is then lost.
    rewriteNext(
      () =>
        new Response(JSON.stringify({ "database-users": [] }), {
          headers: { "content-type": "application/json" },
        }),
    );
    sim.failNext({ vendor: "scalingo", drop: "after-handling", operationId: "database_create_user" });
    const error = await rejectionOf(users.create({ name: "my-app-4553" }));
    expect(error).toMatchObject({ name: "UnavailableError", outcome: "unknown" });
    expect(summary(requests.slice(sent), database)).toEqual([LIST, CREATE, LIST]);
    expect(sim.scalingo.getUser(database.id, "my-app-4553")).toEqual(owner);
  });

  it("the owner's name, listed, is a ConflictError with nothing sent", async () => {
    const database = sim.scalingo.addDatabase({ name: "my-app-4553" });
    const { users, requests } = adapterFor(sim, database);
    await users.list();
    const sent = requests.length;
    expect(await rejectionOf(users.create({ name: "my-app-4553" }))).toBeInstanceOf(ConflictError);
    expect(summary(requests.slice(sent), database)).toEqual([LIST]);
  });

  it("a recovery lookup cut short is asked again: the user made is claimed, its password works", async () => {
    const database = sim.scalingo.addDatabase();
    // The list after the create (the recovery's first lookup) arrives cut short.
    const { users, requests } = adapterFor(sim, database, {}, (method, path) => {
      if (method === "POST" && path.endsWith("/users")) {
        sim.failNext({ vendor: "scalingo", truncate: true, operationId: "database_list_users" });
      }
    });
    await users.list();
    const sent = requests.length;
    sim.failNext({ vendor: "scalingo", drop: "after-handling", operationId: "database_create_user" });
    const { password } = await users.create({ name: "reporting", readOnly: true });
    expect(password.reveal()).toBe(sim.scalingo.getUser(database.id, "reporting")?.password);
    expect(summary(requests.slice(sent), database)).toEqual([
      LIST,
      CREATE,
      LIST,
      LIST,
      "PATCH /api/databases/{id}/users/reporting",
    ]);
  });

  it("a 5xx to the create is the error, outcome unknown, once the lookup finds nothing", async () => {
    const database = sim.scalingo.addDatabase();
    const { users, requests } = adapterFor(sim, database);
    await users.list();
    const sent = requests.length;
    sim.failNext({ vendor: "scalingo", status: 500, operationId: "database_create_user" });
    const error = await rejectionOf(users.create({ name: "reporting" }));
    expect(error).toMatchObject({ name: "UnavailableError", status: 500, outcome: "unknown" });
    expect(summary(requests.slice(sent), database)).toEqual([LIST, CREATE, LIST]);
    expect(sim.scalingo.getUser(database.id, "reporting")).toBeUndefined();
  });

  it("two creates of one name through one client: one user, the other a ConflictError", async () => {
    const database = sim.scalingo.addDatabase();
    const { users, requests } = adapterFor(sim, database);
    await users.list();
    const sent = requests.length;
    const [first, second] = await Promise.allSettled([
      users.create({ name: "reporting" }),
      users.create({ name: "reporting" }),
    ]);
    expect(first.status).toBe("fulfilled");
    expect(second).toMatchObject({ status: "rejected", reason: { code: "conflict" } });
    const { password } = (first as PromiseFulfilledResult<{ password: { reveal(): string } }>).value;
    expect(password.reveal()).toBe(sim.scalingo.getUser(database.id, "reporting")?.password);
    expect(summary(requests.slice(sent), database)).toEqual([LIST, CREATE, LIST]);
  });
});

/**
 * A database holding user "reporting" (with `password`, when given), and an adapter whose credentials
 * are warm: what it sends from `sent` on, and what the simulator handles, are the test's own.
 */
async function withReporting(password?: string) {
  const database = sim.scalingo.addDatabase();
  sim.scalingo.addUser(database.id, { name: "reporting", ...(password === undefined ? {} : { password }) });
  const adapter = adapterFor(sim, database);
  await adapter.users.list();
  handled.length = 0;
  return { database, ...adapter, sent: adapter.requests.length };
}

describe("Scalingo adapter: resets, password changes and deletes whose answer was lost", () => {
  it("a reset whose answer was lost is sent again: the password handed back works", async () => {
    const { database, users } = await withReporting();
    sim.failNext({ vendor: "scalingo", drop: "after-handling", operationId: "database_user_reset_password" });
    const { password } = await users.resetPassword("reporting");
    expect(password.reveal()).toBe(sim.scalingo.getUser(database.id, "reporting")?.password);
    expect(handledOf(handled, "database_user_reset_password")).toHaveLength(2);
  });

  it("resets whose answers are all lost end in an error saying the old password may be gone", async () => {
    const { database, users } = await withReporting("old-password");
    sim.failNext({
      vendor: "scalingo",
      drop: "after-handling",
      operationId: "database_user_reset_password",
      count: 3,
    });
    const error = await rejectionOf(users.resetPassword("reporting"));
    expect(error).toMatchObject({ name: "UnavailableError", outcome: "unknown", operation: "resetPassword" });
    expect((error as Error).message).toMatch(/the old one may no longer work/);
    expect(handledOf(handled, "database_user_reset_password")).toHaveLength(3);
    expect(sim.scalingo.getUser(database.id, "reporting")?.password).not.toBe("old-password");
  });

  it("a password change whose answer was lost is sent again (the same password): it holds", async () => {
    const { database, users } = await withReporting();
    sim.failNext({ vendor: "scalingo", drop: "after-handling", operationId: "database_update_user" });
    await users.setPassword("reporting", CHOSEN);
    expect(sim.scalingo.getUser(database.id, "reporting")?.password).toBe(CHOSEN);
    expect(handledOf(handled, "database_update_user")).toHaveLength(2);
  });

  const DELETE = "DELETE /api/databases/{id}/users/reporting";
  it.each([
    ["after Scalingo deleted the user: looked up, not sent again", "after-handling", [DELETE, LIST]],
    ["before Scalingo saw it: still there, so sent again", "before-handling", [DELETE, LIST, DELETE]],
  ] as const)("a delete whose answer was lost %s", async (_, drop, expected) => {
    const { database, users, requests, sent } = await withReporting();
    sim.failNext({ vendor: "scalingo", drop, operationId: "database_delete_user" });
    await users.delete("reporting");
    expect(sim.scalingo.getUser(database.id, "reporting")).toBeUndefined();
    expect(summary(requests.slice(sent), database)).toEqual(expected);
  });
});
