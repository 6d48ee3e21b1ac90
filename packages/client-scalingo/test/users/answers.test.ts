// Scalingo's answers differ from its documentation: its clients read create, update and reset answers
// rooted under `database_user`, its documentation shows them bare (and update without a body). The
// adapter takes every form, and what it hands back never depends on the form.
import { InvalidResponseError } from "@dbusers/core";
import { describe, expect, it } from "vitest";
import { adapterFor, rejectionOf, startTestSimulator, summary } from "./harness.ts";

const { sim } = await startTestSimulator();

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

describe("Scalingo adapter: rooted or bare users", () => {
  it("reads create and reset answers the documentation's way (bare) like Scalingo's clients' (rooted)", async () => {
    const database = sim.scalingo.addDatabase();
    const { users } = adapterFor(sim, database);
    const rooted = await users.create({ name: "rooted-user" });
    sim.scalingo.setUserShape("bare");
    const bare = await users.create({ name: "bare-user", readOnly: true });
    expect(bare.user).toMatchObject({ name: "bare-user", readOnly: true, protected: false });
    expect(rooted.user).toMatchObject({ name: "rooted-user", readOnly: false, protected: false });
    expect(bare.password.reveal()).toBe(sim.scalingo.getUser(database.id, "bare-user")?.password);

    const reset = await users.resetPassword("bare-user");
    expect(reset.user.name).toBe("bare-user");
    expect(reset.password.reveal()).toBe(sim.scalingo.getUser(database.id, "bare-user")?.password);
  });

  it("a password change answered with no body at all (as documented) succeeds", async () => {
    const database = sim.scalingo.addDatabase();
    sim.scalingo.addUser(database.id, { name: "reporting" });
    const { users, rewriteNext } = adapterFor(sim, database);
    await users.list();
    rewriteNext((answer) => new Response(null, { status: answer.status }));
    await users.setPassword("reporting", "Chosen-password-0123456789");
    expect(sim.scalingo.getUser(database.id, "reporting")?.password).toBe("Chosen-password-0123456789");
  });

  it("create hands back the password it sent, whatever the answer holds", async () => {
    const database = sim.scalingo.addDatabase();
    const { users, rewriteNext } = adapterFor(sim, database);
    await users.list();
    rewriteNext(async (answer) => {
      const body = await answer.json();
      return json({ database_user: { ...body.database_user, password: "not-the-password-sent" } }, 201);
    });
    const { password } = await users.create({ name: "reporting" });
    expect(password.reveal()).toBe(sim.scalingo.getUser(database.id, "reporting")?.password);
    expect(password.reveal()).not.toBe("not-the-password-sent");
  });

  it.each([
    ["no body", () => new Response(null, { status: 200 })],
    ["a user without its name", () => json({ database_user: { read_only: false, protected: false } })],
    [
      "a user without its password",
      () => json({ database_user: { name: "reporting", read_only: false, protected: false } }),
    ],
    ["a rooted user that is not an object", () => json({ database_user: "reporting" })],
  ])("a reset answered with %s rotates once more, so the password handed back works", async (_, answer) => {
    const database = sim.scalingo.addDatabase();
    sim.scalingo.addUser(database.id, { name: "reporting" });
    const { users, rewriteNext, requests } = adapterFor(sim, database);
    await users.list();
    const sent = requests.length;
    rewriteNext(answer);
    const { password } = await users.resetPassword("reporting");
    expect(password.reveal()).toBe(sim.scalingo.getUser(database.id, "reporting")?.password);
    expect(summary(requests.slice(sent), database)).toEqual([
      "POST /api/databases/{id}/users/reporting/reset_password",
      "POST /api/databases/{id}/users/reporting/reset_password",
    ]);
  });

  it("a list whose root key lost its hyphen is an InvalidResponseError naming the key", async () => {
    const database = sim.scalingo.addDatabase();
    const { users, rewriteNext } = adapterFor(sim, database);
    await users.list();
    rewriteNext(async (answer) => json({ database_users: (await answer.json())["database-users"] }));
    const error = await rejectionOf(users.list());
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as Error).message).toMatch(/database-users is missing, not an array$/);
  });
});

describe("Scalingo adapter: a create whose answer was lost", () => {
  it("sets the caller's own password on the user the lost create made, once", async () => {
    const database = sim.scalingo.addDatabase();
    const { users, requests } = adapterFor(sim, database);
    await users.list();
    const sent = requests.length;
    sim.failNext({ vendor: "scalingo", drop: "after-handling", operationId: "database_create_user" });
    const { user, password } = await users.create({
      name: "reporting",
      password: "Chosen-password-0123456789",
    });
    expect(user.name).toBe("reporting");
    expect(password.reveal()).toBe("Chosen-password-0123456789");
    expect(sim.scalingo.getUser(database.id, "reporting")?.password).toBe("Chosen-password-0123456789");
    expect(summary(requests.slice(sent), database)).toEqual([
      "GET /api/databases/{id}/users",
      "POST /api/databases/{id}/users",
      "GET /api/databases/{id}/users",
      "PATCH /api/databases/{id}/users/reporting",
    ]);
  });
});
