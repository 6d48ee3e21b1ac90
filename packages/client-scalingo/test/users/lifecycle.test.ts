// A user's whole life through the adapter, against the simulator's state: what the adapter returns
// must be what Scalingo (here, the simulator) actually holds, and what it sends must be what Scalingo's
// own clients send.
import { ConflictError, NotFoundError, Secret, ValidationError } from "@dbusers/core";
import { describe, expect, it } from "vitest";
import type { ScalingoUser } from "../../src/index.ts";
import * as pkg from "../../src/index.ts";
import { adapterFor, rejectionOf, startTestSimulator, summary, TOKEN_FLOW } from "./harness.ts";

const { sim } = await startTestSimulator();

const bodyOf = (request: { body: string | undefined } | undefined) => JSON.parse(request?.body ?? "null");

describe("Scalingo adapter: user lifecycle", () => {
  it("create → list → get → iterate → setPassword → resetPassword → delete → NotFoundError", async () => {
    const database = sim.scalingo.addDatabase({ name: "my_app_4553" });
    const { users, requests } = adapterFor(sim, database);

    // create: the password is chosen by the adapter (64 characters), sent, and the one Scalingo stores.
    const created = await users.create({ name: "reporting", readOnly: true });
    expect(created.user).toEqual({
      provider: "scalingo",
      id: "reporting",
      name: "reporting",
      readOnly: true,
      protected: false,
      raw: {
        name: "reporting",
        read_only: true,
        protected: false,
        dbms_attributes: { password_encryption: "SCRAM-SHA-256" },
      },
    });
    expect(created.password).toBeInstanceOf(Secret);
    expect(created.password.reveal()).toMatch(/^[A-Za-z0-9]{64}$/);
    expect(sim.scalingo.getUser(database.id, "reporting")?.password).toBe(created.password.reveal());
    // Both official clients send database_id and read_only, and the confirmation. The lookup that
    // proved the name free came first.
    expect(bodyOf(requests[3])).toEqual({
      database_user: {
        database_id: database.id,
        name: "reporting",
        read_only: true,
        password: created.password.reveal(),
        password_confirmation: created.password.reveal(),
      },
    });

    // list: the protected owner, named like the database, and the new user.
    const listed = await users.list();
    expect(listed.map((user) => user.name)).toEqual(["my_app_4553", "reporting"]);
    expect(listed[0]).toMatchObject({ id: "my_app_4553", protected: true, readOnly: false });
    expect(listed[1]).toEqual(created.user);

    // get: by listing, as there is no operation that reads one user.
    expect(await users.get("reporting")).toEqual(created.user);
    const iterated: ScalingoUser[] = [];
    for await (const user of users.iterate()) iterated.push(user);
    expect(iterated).toEqual(listed);

    // setPassword: the chosen password is the one stored.
    const chosen = "Chosen-password-for-reporting-0123";
    await users.setPassword("reporting", new Secret(chosen));
    expect(sim.scalingo.getUser(database.id, "reporting")?.password).toBe(chosen);

    // resetPassword: a password Scalingo generated, the one now stored.
    const reset = await users.resetPassword("reporting");
    expect(reset.user).toEqual(created.user);
    expect(reset.password.reveal()).not.toBe(chosen);
    expect(reset.password.reveal()).toBe(sim.scalingo.getUser(database.id, "reporting")?.password);

    await users.delete("reporting");
    expect(sim.scalingo.getUser(database.id, "reporting")).toBeUndefined();
    const error = await rejectionOf(users.get("reporting"));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({
      status: 404,
      message: `scalingo: database ${database.id} has no user "reporting"`,
    });

    // The token flow once, then one request per call to the spec's paths (a create looks first).
    expect(summary(requests, database)).toEqual([
      ...TOKEN_FLOW,
      "GET /api/databases/{id}/users",
      "POST /api/databases/{id}/users",
      "GET /api/databases/{id}/users",
      "GET /api/databases/{id}/users",
      "GET /api/databases/{id}/users",
      "PATCH /api/databases/{id}/users/reporting",
      "POST /api/databases/{id}/users/reporting/reset_password",
      "DELETE /api/databases/{id}/users/reporting",
      "GET /api/databases/{id}/users",
    ]);
    expect(bodyOf(requests[7])).toEqual({
      database_user: { database_id: database.id, password: chosen, password_confirmation: chosen },
    });
    // go-scalingo posts `{}` to reset_password, and to both token routes.
    expect([requests[0], requests[1], requests[8]].map((request) => request?.body)).toEqual([
      "{}",
      "{}",
      "{}",
    ]);
  });

  it("create with the caller's password sends it, and hands the same one back", async () => {
    const database = sim.scalingo.addDatabase({ engine: "mysql" });
    const { users, requests } = adapterFor(sim, database);
    const { user, password } = await users.create({
      name: "etl-job",
      password: "Chosen-password-0123456789",
    });
    expect(password.reveal()).toBe("Chosen-password-0123456789");
    expect(sim.scalingo.getUser(database.id, "etl-job")?.password).toBe("Chosen-password-0123456789");
    expect(user).toMatchObject({
      readOnly: false,
      raw: { name: "etl-job", read_only: false, protected: false },
    });
    expect(bodyOf(requests.at(-1)).database_user).toMatchObject({ read_only: false });
  });

  it("a name already taken is a ConflictError found by the lookup, the create never sent", async () => {
    const database = sim.scalingo.addDatabase();
    sim.scalingo.addUser(database.id, { name: "reporting", password: "existing-password" });
    const { users, requests } = adapterFor(sim, database);
    const error = await rejectionOf(users.create({ name: "reporting" }));
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({
      code: "conflict",
      outcome: "not-applied",
      operation: "create",
      message: 'scalingo: a database user named "reporting" already exists',
    });
    expect(summary(requests, database)).toEqual([...TOKEN_FLOW, "GET /api/databases/{id}/users"]);
    expect(sim.scalingo.getUser(database.id, "reporting")?.password).toBe("existing-password");
  });

  it("a name Scalingo says is taken (422, made since the lookup) is a ConflictError too, not reconciled", async () => {
    const database = sim.scalingo.addDatabase();
    // Another client creates the name between this create's lookup and its request.
    const { users, requests } = adapterFor(sim, database, {}, (method, path) => {
      if (method === "POST" && path.endsWith("/users")) {
        sim.scalingo.addUser(database.id, { name: "reporting", password: "existing-password" });
      }
    });
    const error = await rejectionOf(users.create({ name: "reporting" }));
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({ code: "conflict", outcome: "not-applied", operation: "create" });
    expect((error as Error).cause).toMatchObject({
      name: "ValidationError",
      status: 422,
      issues: [{ path: "name", message: "has already been taken" }],
    });
    expect(summary(requests, database)).toEqual([
      ...TOKEN_FLOW,
      "GET /api/databases/{id}/users",
      "POST /api/databases/{id}/users",
    ]);
    expect(sim.scalingo.getUser(database.id, "reporting")?.password).toBe("existing-password");
  });

  it("users made before the name rules (or the owner) are read, changed and deleted", async () => {
    const database = sim.scalingo.addDatabase();
    sim.scalingo.addUser(database.id, { name: "old_User" });
    const { users } = adapterFor(sim, database);
    expect((await users.get("old_User")).name).toBe("old_User");
    await users.setPassword("old_User", "Chosen-password-0123456789");
    expect((await users.resetPassword("old_User")).user.name).toBe("old_User");
    await users.delete("old_User");
    expect(sim.scalingo.getUser(database.id, "old_User")).toBeUndefined();
  });

  it("errors and Secret can be imported from this package: the same classes as @dbusers/core's", async () => {
    expect(pkg.NotFoundError).toBe(NotFoundError);
    expect(pkg.ValidationError).toBe(ValidationError);
    expect(pkg.Secret).toBe(Secret);
  });

  it("an unknown database is a NotFoundError for every operation (the addon token is refused first)", async () => {
    const { users } = adapterFor(sim, { id: "ad-unknown", appId: "my-app" });
    sim.scalingo.addDatabase({ appId: "my-app" });
    for (const call of [
      () => users.list(),
      () => users.get("reporting"),
      () => users.create({ name: "reporting" }),
      () => users.setPassword("reporting", "Chosen-password-0123456789"),
      () => users.resetPassword("reporting"),
      () => users.delete("reporting"),
    ]) {
      const error = await rejectionOf(call());
      expect(error).toBeInstanceOf(NotFoundError);
      expect(error).toMatchObject({ status: 404, message: "scalingo answered 404: addon not found" });
    }
  });

  it("an unknown user is a NotFoundError naming the resource", async () => {
    const database = sim.scalingo.addDatabase();
    const { users } = adapterFor(sim, database);
    for (const call of [
      () => users.setPassword("nobody", "Chosen-password-0123456789"),
      () => users.resetPassword("nobody"),
      () => users.delete("nobody"),
    ]) {
      expect(await rejectionOf(call())).toMatchObject({
        name: "NotFoundError",
        status: 404,
        message: "scalingo answered 404: database_user not found",
        requestId: expect.any(String),
      });
    }
  });
});
