import { describe, expect, it } from "vitest";
import { DEFAULT_TOKEN } from "../../src/index.ts";
import { start } from "../helpers.ts";
import { passwordOf, scalingoApi } from "./api.ts";

const GENERATED = /^[A-Za-z0-9_]{24}$/;

async function simulator(engine: "postgresql" | "mysql" = "postgresql") {
  const sim = await start();
  const database = sim.scalingo.addDatabase({ engine, name: "my_app_4553" });
  return { sim, database, db: scalingoApi(sim).database(database.id, DEFAULT_TOKEN) };
}

describe("Scalingo users: lifecycle", () => {
  it("list → create → update → reset → delete, the protected owner first and kept", async () => {
    const { sim, database, db } = await simulator();

    const listed = await db.list();
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual({
      "database-users": [
        {
          name: "my_app_4553",
          read_only: false,
          protected: true,
          dbms_attributes: { password_encryption: "SCRAM-SHA-256" },
        },
      ],
    });

    const created = await db.create({ name: "metabase", read_only: true });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      database_user: {
        name: "metabase",
        read_only: true,
        protected: false,
        password: expect.stringMatching(GENERATED),
        dbms_attributes: { password_encryption: "SCRAM-SHA-256" },
      },
    });
    expect(sim.scalingo.getUser(database.id, "metabase")?.password).toBe(created.body.database_user.password);

    const chosen = passwordOf(40);
    const updated = await db.update("metabase", { password: chosen, password_confirmation: chosen });
    expect(updated.status).toBe(200);
    expect(updated.body.database_user).toEqual({ ...created.body.database_user, password: undefined });
    expect(sim.scalingo.getUser(database.id, "metabase")?.password).toBe(chosen);

    // go-scalingo posts `{}`, scalingo.js nothing: both reset.
    for (const body of [{}, undefined]) {
      const reset = await db.reset("metabase", body);
      expect(reset.status).toBe(200);
      expect(reset.body.database_user.password).toMatch(GENERATED);
      expect(sim.scalingo.getUser(database.id, "metabase")?.password).toBe(reset.body.database_user.password);
    }

    const removed = await db.remove("metabase");
    expect(removed.status).toBe(204);
    expect(removed.body).toBeUndefined();
    expect((await db.list()).body["database-users"]).toHaveLength(1);
    expect(sim.violations).toEqual([]);
  });

  it("creates with the chosen password, and MySQL users without DBMS attributes", async () => {
    const { sim, database, db } = await simulator("mysql");
    const chosen = passwordOf(64);
    const created = await db.create({ name: "reporting", password: chosen, password_confirmation: chosen });
    expect(created.body.database_user).toEqual({
      name: "reporting",
      read_only: false,
      protected: false,
      password: chosen,
    });
    // The documentation's form: null passwords mean "generate one".
    const nulls = await db.create({ name: "etl-job", password: null, password_confirmation: null });
    expect(nulls.body.database_user.password).toMatch(GENERATED);
    expect(sim.scalingo.listUsers(database.id).map((user) => user.read_only)).toEqual([false, false, false]);
  });

  it("answers bare users once setUserShape('bare'), as the documentation shows them; reset() roots them again", async () => {
    const { sim, db } = await simulator();
    sim.scalingo.setUserShape("bare");
    const created = await db.create({ name: "metabase" });
    expect(created.body).toMatchObject({ name: "metabase", password: expect.stringMatching(GENERATED) });
    expect((await db.reset("metabase", {})).body).toMatchObject({ name: "metabase" });
    expect(sim.violations).toEqual([]);
    sim.reset();
    const database = sim.scalingo.addDatabase();
    const again = await scalingoApi(sim).database(database.id, DEFAULT_TOKEN).create({ name: "metabase" });
    expect(again.body.database_user.name).toBe("metabase");
  });

  it("answers 404 {resource, error} for an unknown database or user, on every operation", async () => {
    const { sim, db } = await simulator();
    const unknown = scalingoApi(sim).database("ad-unknown", DEFAULT_TOKEN);
    const password = passwordOf(30);
    const answers = await Promise.all([
      unknown.list(),
      unknown.create({ name: "metabase" }),
      unknown.remove("metabase"),
      db.update("nobody", { password, password_confirmation: password }),
      db.reset("nobody", {}),
      db.remove("nobody"),
    ]);
    expect(answers.map((answer) => answer.body)).toEqual([
      ...Array(3).fill({ resource: "database", error: "not found" }),
      ...Array(3).fill({ resource: "database_user", error: "not found" }),
    ]);
    expect(answers.every((answer) => answer.status === 404)).toBe(true);
    expect(sim.violations).toEqual([]);
  });

  it("takes the database's addon id or resource name as the body's database_id, nothing else (422)", async () => {
    const { sim, database, db } = await simulator();
    const byName = await db.create({ name: "by-name", database_id: database.name });
    expect(byName.status).toBe(201);
    const other = await db.create({ name: "other-db", database_id: "ad-another" });
    expect(other).toMatchObject({
      status: 422,
      body: { errors: { database_id: ["does not match the database of the URL"] } },
    });
    expect(sim.scalingo.getUser(database.id, "other-db")).toBeUndefined();
  });
});

describe("Scalingo users: the protected owner", () => {
  it.each([
    ["updated", "update"],
    ["updated", "reset"],
    ["deleted", "remove"],
  ] as const)("cannot be %s (%s): 403 protected_user, nothing changed", async (change, call) => {
    const { sim, database, db } = await simulator();
    const before = sim.scalingo.getUser(database.id, "my_app_4553");
    const password = passwordOf(30);
    const answer =
      call === "update"
        ? await db.update("my_app_4553", { password, password_confirmation: password })
        : call === "reset"
          ? await db.reset("my_app_4553", {})
          : await db.remove("my_app_4553");
    expect(answer.status).toBe(403);
    expect(answer.body).toEqual({
      error: `user my_app_4553 is protected: it is managed by the platform and cannot be ${change}`,
      code: "protected_user",
    });
    expect(sim.scalingo.getUser(database.id, "my_app_4553")).toEqual(before);
    expect(sim.violations).toEqual([]);
  });

  it("is named like the database, and the control handle can still remove it", async () => {
    const sim = await start();
    const database = sim.scalingo.addDatabase({ appId: "shop" });
    expect(database.name).toMatch(/^shop_\d{4}$/);
    expect(database.users).toEqual([expect.objectContaining({ name: database.name, protected: true })]);
    expect(sim.scalingo.removeUser(database.id, database.name)).toBe(true);
  });
});
