// Scalingo addons on real servers: the users the API makes log in, read-only ones cannot write, and a
// rotated password or a deleted user no longer opens the database.
import { describe, expect, it } from "vitest";
import { DEFAULT_TOKEN } from "../../src/index.ts";
import { realDatabasesSimulator } from "../databases/real-simulator.ts";
import { asUser, codeOf, type Driver, mysqlDriver, postgresDriver } from "../databases/sessions.ts";
import { scalingoApi } from "./api.ts";

const real = realDatabasesSimulator();

const engines: Array<["postgresql" | "mysql", Driver]> = [
  ["postgresql", postgresDriver],
  ["mysql", mysqlDriver],
];

describe.each(engines)("Scalingo %s addon on a real server", (engine, driver) => {
  async function addon() {
    const database = real.sim.scalingo.addDatabase({ engine, name: "my_app_4553" });
    const db = scalingoApi(real.sim).database(database.id, DEFAULT_TOKEN);
    const as = async (name: string, password: string, sql: string) =>
      asUser(driver, await real.sim.scalingo.connection(database.id, name), password, sql);
    return { database, db, as };
  }

  it("gives the protected owner a login that may write, and a read-only user one that may only read", async () => {
    const { database, db, as } = await addon();
    const owner = real.sim.scalingo.getUser(database.id, "my_app_4553")?.password ?? "";
    await as("my_app_4553", owner, "CREATE TABLE items (id INT)");
    await as("my_app_4553", owner, "INSERT INTO items VALUES (1)");

    const created = await db.create({ name: "metabase", read_only: true });
    expect(created.status).toBe(201);
    const password = created.body.database_user.password as string;
    expect(await as("metabase", password, "SELECT id FROM items")).toEqual([{ id: 1 }]);
    expect(await codeOf(as("metabase", password, "INSERT INTO items VALUES (2)"))).toBe(driver.denied);

    const writer = await db.create({ name: "writer" });
    expect(await as("writer", writer.body.database_user.password, "INSERT INTO items VALUES (2)")).toEqual(
      [],
    );
  });

  it("rotates passwords (update and reset) and drops deleted users", async () => {
    const { db, as } = await addon();
    const first = (await db.create({ name: "application" })).body.database_user.password as string;
    expect(await as("application", first, "SELECT 1 AS one")).toEqual([{ one: 1 }]);

    const chosen = "Chosen_password_1234567890";
    const updated = await db.update("application", { password: chosen, password_confirmation: chosen });
    expect(updated.status).toBe(200);
    expect(await codeOf(as("application", first, "SELECT 1"))).toBe(driver.refusedLogin);
    expect(await as("application", chosen, "SELECT 1 AS one")).toEqual([{ one: 1 }]);

    const reset = await db.reset("application");
    expect(reset.status).toBe(200);
    const generated = reset.body.database_user.password as string;
    expect(await codeOf(as("application", chosen, "SELECT 1"))).toBe(driver.refusedLogin);
    expect(await as("application", generated, "SELECT 1 AS one")).toEqual([{ one: 1 }]);

    expect((await db.remove("application")).status).toBe(204);
    expect(await codeOf(as("application", generated, "SELECT 1"))).toBe(driver.refusedLogin);
    expect((await db.list()).body["database-users"].map((u: { name: string }) => u.name)).toEqual([
      "my_app_4553",
    ]);
  });

  it("makes seeded users real with their access", async () => {
    const database = real.sim.scalingo.addDatabase({
      engine,
      name: "seeded_1234",
      users: [{ name: "reader", read_only: true, password: "Seeded_password_123" }],
    });
    const connection = await real.sim.scalingo.connection(database.id, "reader");
    expect(await asUser(driver, connection, "Seeded_password_123", "SELECT 1 AS one")).toEqual([{ one: 1 }]);
    expect(await codeOf(asUser(driver, connection, "Seeded_password_123", "CREATE TABLE t (id INT)"))).toBe(
      driver.engine === "mysql" ? "ER_TABLEACCESS_DENIED_ERROR" : driver.denied,
    );
  });
});

describe("Scalingo addons of other engines", () => {
  it("keep MongoDB in memory", async () => {
    const database = real.sim.scalingo.addDatabase({ engine: "mongodb" });
    expect(
      (await scalingoApi(real.sim).database(database.id, DEFAULT_TOKEN).create({ name: "application" }))
        .status,
    ).toBe(201);
    await expect(real.sim.scalingo.connection(database.id, "application")).rejects.toThrow(/kept in memory/);
  });
});
