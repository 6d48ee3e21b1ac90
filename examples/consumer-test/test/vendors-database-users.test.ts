// The consumer's scenario on every other vendor whose users the simulator makes real, on each engine the
// vendor offers (HostUp: MySQL only; Scalingo and Cloud 66: PostgreSQL and MySQL): through @dbusers/sdk,
// provision a user, log in with the password it hands out, check a read-only user cannot write, rotate
// (the old password is refused) and delete (the login is gone).

import { createDatabaseUsers } from "@dbusers/sdk";
import { type DatabaseConnection, DEFAULT_TOKEN, type Simulator, startSimulator } from "@dbusers/simulator";
import mysql from "mysql2/promise";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mysqlUrl } from "../../../tools/mariadb/mysql-url.ts";

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ logger: false, databases: { postgres: "embedded", mysql: mysqlUrl() } });
});
afterAll(() => sim.close());

type Engine = "postgres" | "mysql";
const REFUSED_LOGIN = /password authentication failed|Access denied/;
const NOT_ALLOWED = /permission denied|command denied/;

/** Logs in with `password`, runs `sql`, logs out: the rows. */
async function run(engine: Engine, connection: DatabaseConnection, password: string, sql: string) {
  if (engine === "postgres") {
    const client = new pg.Client({ ...connection, password });
    await client.connect();
    try {
      return (await client.query(sql)).rows;
    } finally {
      await client.end();
    }
  }
  const client = await mysql.createConnection({ ...connection, password });
  try {
    const [rows] = await client.query(sql);
    return Array.isArray(rows) ? rows : [];
  } finally {
    await client.end();
  }
}

/** What a test needs of one vendor's database: where users log in, and an owner who made a table. */
interface Target {
  engine: Engine;
  connection(name: string): Promise<DatabaseConnection>;
}

async function createTable(target: Target, owner: string, password: string): Promise<void> {
  await run(target.engine, await target.connection(owner), password, "CREATE TABLE items (id INT)");
  await run(target.engine, await target.connection(owner), password, "INSERT INTO items VALUES (1)");
}

/** `name` may read the owner's table but not write to it. */
async function expectReadOnly(target: Target, name: string, password: string): Promise<void> {
  expect(await run(target.engine, await target.connection(name), password, "SELECT id FROM items")).toEqual([
    { id: 1 },
  ]);
  await expect(
    run(target.engine, await target.connection(name), password, "INSERT INTO items VALUES (2)"),
  ).rejects.toThrow(NOT_ALLOWED);
}

/** Rotates and deletes `name`, showing the old password, then the login, refused. */
async function rotateAndDelete(
  target: Target,
  users: {
    resetPassword(name: string): Promise<{ password: { reveal(): string } }>;
    delete(name: string): Promise<void>;
  },
  name: string,
  first: string,
): Promise<void> {
  const rotated = (await users.resetPassword(name)).password.reveal();
  await expect(run(target.engine, await target.connection(name), first, "SELECT 1")).rejects.toThrow(
    REFUSED_LOGIN,
  );
  expect(await run(target.engine, await target.connection(name), rotated, "SELECT 1 AS one")).toEqual([
    { one: 1 },
  ]);
  await users.delete(name);
  await expect(run(target.engine, await target.connection(name), rotated, "SELECT 1")).rejects.toThrow(
    REFUSED_LOGIN,
  );
}

describe("database users on HostUp (MySQL)", () => {
  it("logs in with SELECT granted only, cannot write, and loses the old password and then the login", async () => {
    const database = "abcde_shop";
    const account = sim.hostup.addAccount({
      databases: [database],
      users: [
        { username: "owner", password: "Owner-pass-1", privileges: { [database]: ["ALL PRIVILEGES"] } },
      ],
    });
    const target: Target = {
      engine: "mysql",
      connection: (name) => sim.hostup.connection(account.id, name, database),
    };
    await createTable(target, "owner", "Owner-pass-1");
    const users = createDatabaseUsers({
      provider: "hostup",
      token: DEFAULT_TOKEN,
      accountId: account.id,
      baseUrl: sim.urls.hostup,
    });

    const { password } = await users.create({ name: "reporting" });
    await users.grantPrivileges("reporting", database, ["SELECT"]);
    const first = password.reveal();
    await expectReadOnly(target, "reporting", first);
    await rotateAndDelete(target, users, "reporting", first);
  });
});

describe.each([
  ["postgresql", "postgres"],
  ["mysql", "mysql"],
] as const)("database users on a Scalingo %s addon", (addonEngine, engine) => {
  it("logs a read-only user in, refuses its writes, and loses the old password and then the login", async () => {
    const addon = sim.scalingo.addDatabase({ engine: addonEngine, name: "my_app_4553" });
    const target: Target = { engine, connection: (name) => sim.scalingo.connection(addon.id, name) };
    await createTable(target, "my_app_4553", sim.scalingo.getUser(addon.id, "my_app_4553")?.password ?? "");
    const users = createDatabaseUsers({
      provider: "scalingo",
      apiToken: DEFAULT_TOKEN,
      appId: addon.appId,
      addonId: addon.id,
      baseUrl: sim.urls.scalingo,
    });

    const { password } = await users.create({ name: "reporting", readOnly: true });
    const first = password.reveal();
    await expectReadOnly(target, "reporting", first);
    await rotateAndDelete(target, users, "reporting", first);
  });
});

describe.each([
  ["mysql", "mysql"],
  ["postgresql", "postgres"],
] as const)("database users on a Cloud 66 %s server group", (groupEngine, engine) => {
  it("logs a readonly user in once its action is done, refuses its writes, and loses the old password and then the login", async () => {
    const stack = sim.cloud66.addStack({
      serverGroups: [
        {
          engine: groupEngine,
          databases: [{ uid: "db_abc123", name: "app_production" }],
          users: [{ username: "owner", password: "Owner-pass-1", database_ids: ["db_abc123"] }],
        },
      ],
      actions: { polls: 0 },
    });
    const groupId = stack.serverGroups[0]?.id ?? 0;
    const target: Target = {
      engine,
      connection: (name) => sim.cloud66.connection(stack.uid, groupId, name, "app_production"),
    };
    await createTable(target, "owner", "Owner-pass-1");
    const users = createDatabaseUsers({
      provider: "cloud66",
      token: DEFAULT_TOKEN,
      stackId: stack.uid,
      serverGroupId: groupId,
      baseUrl: sim.urls.cloud66,
      // The simulator finishes actions on their first poll: no need to wait Cloud 66's seconds.
      wait: { minDelayMs: 1, maxDelayMs: 5 },
    });

    const { password } = await users.create({ name: "reporting", readOnly: true, databases: ["db_abc123"] });
    const first = password.reveal();
    await expectReadOnly(target, "reporting", first);
    await rotateAndDelete(target, users, "reporting", first);
  });
});
