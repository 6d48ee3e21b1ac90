// SQL-level grants, which no vendor API exposes, proven with real logins: after a rotation the twin
// reads and writes what the original could, and without the grant helper it could not (the verifier
// then refuses to promote it).
import { startEmbeddedPostgres } from "@dbusers/simulator";
import { startTestSimulator } from "@dbusers/testing";
import mysql from "mysql2/promise";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { mysqlUrl } from "../../../tools/mariadb/mysql-url.ts";
import { createRotation, type GrantsContext, type Verifier } from "../src/index.ts";
import { mysqlGrants, mysqlLogin } from "../src/mysql.ts";
import { postgresGrants, postgresLogin } from "../src/postgres.ts";
import { addTarget, ORIGINAL, rotationOptions } from "./targets.ts";

// Registered first, so that it runs after the simulator's own close (hooks run last-in, first-out).
const postgres = await startEmbeddedPostgres();
afterAll(() => postgres.stop());
const { sim } = await startTestSimulator({ databases: { postgres: postgres.url, mysql: mysqlUrl() } });

function adminLogin(url: string) {
  const parsed = new URL(url);
  return {
    host: parsed.hostname,
    port: Number(parsed.port),
    user: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
  };
}

describe("PostgreSQL: role membership", () => {
  async function setUp() {
    const target = addTarget(sim, "digitalocean");
    const clusterId = (target.config as { clusterId: string }).clusterId;
    const where = (name: string) => sim.digitalocean.connection(clusterId, name);
    const { database, user: originalRole } = await where(ORIGINAL);
    const admin = { ...adminLogin(postgres.url), database };
    const asAdmin = async (...statements: string[]) => {
      const client = new pg.Client(admin);
      await client.connect();
      try {
        for (const statement of statements) await client.query(statement);
      } finally {
        await client.end();
      }
    };
    // A cluster whose users have only what is granted to them: the original may use one table.
    await asAdmin(
      "CREATE TABLE items (id serial PRIMARY KEY, label text)",
      `REVOKE pg_read_all_data, pg_write_all_data FROM "${originalRole}"`,
      `GRANT SELECT, INSERT ON items TO "${originalRole}"`,
      "GRANT USAGE ON SEQUENCE items_id_seq TO PUBLIC",
    );
    // The twin starts like any new user there: with nothing.
    const newUserHasNothing = async ({ pending }: GrantsContext) => {
      await asAdmin(`REVOKE pg_read_all_data, pg_write_all_data FROM "${(await where(pending)).user}"`);
    };
    const readsAndWrites: Verifier = async ({ username, password }) => {
      const client = new pg.Client({ ...(await where(username)), password: password.reveal() });
      await client.connect();
      try {
        await client.query("INSERT INTO items (label) VALUES ($1)", [username]);
        await client.query("SELECT count(*) FROM items");
      } finally {
        await client.end();
      }
    };
    const options = { ...rotationOptions(target), twin: {}, verify: [postgresLogin(where), readsAndWrites] };
    const grants = postgresGrants({ admin, role: async (name) => (await where(name)).user });
    return { target, where, asAdmin, newUserHasNothing, readsAndWrites, options, grants };
  }

  it("the twin becomes a member of the original role: it reads and writes the original's table", async () => {
    const { newUserHasNothing, options, grants, asAdmin, where } = await setUp();
    const rotation = createRotation({
      ...options,
      grants: async (context) => {
        await newUserHasNothing(context);
        await grants(context);
      },
    });
    const { current: twin } = await rotation.rotate();
    expect(twin).toBe(`${ORIGINAL}-twin`);
    // Back to the original, then a privilege granted to CURRENT (the twin) alone: the original lacks it,
    // and the helper refuses to promote it (aws-secrets-manager-rotation-lambdas#38).
    await expect(rotation.rotate()).resolves.toMatchObject({ current: ORIGINAL });
    await rotation.rotate();
    await asAdmin(`GRANT DELETE ON items TO "${(await where(twin)).user}"`);
    await expect(rotation.rotate()).rejects.toMatchObject({
      reason: "grants-failed",
      cause: { message: expect.stringMatching(/lacks what .* may do: DELETE on public\.items/) },
    });
    expect((await rotation.current())?.username).toBe(twin);
  });

  it("without the helper the twin cannot use the table, and the verifier refuses to promote it", async () => {
    const { newUserHasNothing, options } = await setUp();
    const rotation = createRotation({ ...options, grants: newUserHasNothing });
    await expect(rotation.rotate()).rejects.toMatchObject({
      reason: "verification-failed",
      cause: { code: "42501" },
    });
    expect((await rotation.current())?.username).toBe(ORIGINAL);
  });
});

describe("MySQL: SHOW GRANTS copied", () => {
  async function setUp() {
    const target = addTarget(sim, "hostup");
    const accountId = (target.config as { accountId: string }).accountId;
    const where = (name: string) => sim.hostup.connection(accountId, name, "abcde_shop");
    const { database, user: originalAccount } = await where(ORIGINAL);
    const admin = adminLogin(mysqlUrl());
    const connection = await mysql.createConnection({ ...admin, database });
    await connection.query(
      "CREATE TABLE IF NOT EXISTS items (id int AUTO_INCREMENT PRIMARY KEY, label text)",
    );
    // A table-level grant no vendor API can express.
    await connection.query(`GRANT UPDATE, DELETE ON \`${database}\`.items TO ?@'%'`, [originalAccount]);
    await connection.end();
    const readsAndWrites: Verifier = async ({ username, password }) => {
      const login = await mysql.createConnection({ ...(await where(username)), password: password.reveal() });
      try {
        await login.query("INSERT INTO items (label) VALUES (?)", [username]);
        await login.query("UPDATE items SET label = ? WHERE label = ?", [`${username}!`, username]);
        await login.query("DELETE FROM items WHERE label = ?", [`${username}!`]);
      } finally {
        await login.end();
      }
    };
    // HostUp's own privileges are left out of the twin options: the SQL copy alone gives them.
    const options = { ...rotationOptions(target), twin: {}, verify: [mysqlLogin(where), readsAndWrites] };
    const grants = mysqlGrants({ admin, account: async (name) => ({ user: (await where(name)).user }) });
    return { options, grants };
  }

  it("the twin gets the original's grants, database and table level: it reads, writes and deletes", async () => {
    const { options, grants } = await setUp();
    const rotation = createRotation({ ...options, grants });
    await expect(rotation.rotate()).resolves.toMatchObject({ current: `${ORIGINAL}_twin` });
    await expect(rotation.rotate()).resolves.toMatchObject({ current: ORIGINAL });
  });

  it("without the helper the twin has no access, and the verifier refuses to promote it", async () => {
    const { options } = await setUp();
    const rotation = createRotation(options);
    await expect(rotation.rotate()).rejects.toMatchObject({
      reason: "verification-failed",
      cause: { code: "ER_DBACCESS_DENIED_ERROR" },
    });
  });
});
