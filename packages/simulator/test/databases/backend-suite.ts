// What every backend must do, checked by logging in as its users: postgres.test.ts and mysql.test.ts run
// it against the embedded PostgreSQL and the MariaDB that `pnpm test` starts.
import { inspect } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseCluster, DatabaseServer } from "../../src/index.ts";
import { asUser, codeOf, type Driver } from "./sessions.ts";

export interface Backend {
  server: DatabaseServer;
  /** The admin's URL, to look at the server from outside the backend. */
  adminUrl: string;
  close(): Promise<void>;
}

// Quotes of both kinds, semicolons, comment markers, backslashes, wildcards and non-ASCII characters.
const HOSTILE_NAMES = [
  `x"; DROP ROLE victim; --`,
  "o'brien'; DROP USER 'victim'@'%'; --",
  "back`tick`; DROP DATABASE x; #",
  "back\\slash\\",
  "per%cent_und_er",
  "ünï-cødé ☃ 名前",
];
const HOSTILE_PASSWORD = `pa'ss"wo\\rd; DROP ROLE victim; -- \`x\` ☃`;

export function describeBackend(driver: Driver, start: () => Promise<Backend>): void {
  describe(`${driver.engine} backend`, () => {
    let backend: Backend;
    const clusters: DatabaseCluster[] = [];
    const newCluster = async (database = "app"): Promise<DatabaseCluster> => {
      const cluster = await backend.server.createCluster({ database });
      clusters.push(cluster);
      return cluster;
    };
    /** `name` can log in with `password` (and reach `database`). */
    const canLogIn = (cluster: DatabaseCluster, name: string, password: string, database = "app") =>
      asUser(driver, cluster.connection(name, database), password, "SELECT 1 AS one");
    const admin = (cluster: DatabaseCluster, database = "app") =>
      driver.admin(backend.adminUrl, cluster.connection("admin", database).database);

    beforeAll(async () => {
      backend = await start();
    });
    afterAll(async () => {
      for (const cluster of clusters) await cluster.drop();
      await backend.close();
    });

    it("creates a login that reads and writes its database with its password", async () => {
      const cluster = await newCluster();
      await cluster.createUser("alice", "first-password-1");
      await cluster.setAccess("alice", "app", "read-write");
      expect(await canLogIn(cluster, "alice", "first-password-1")).toEqual([{ one: 1 }]);
      const connection = cluster.connection("alice", "app");
      await asUser(driver, connection, "first-password-1", "CREATE TABLE notes (body VARCHAR(40))");
      await asUser(driver, connection, "first-password-1", "INSERT INTO notes VALUES ('hello')");
      expect(await asUser(driver, connection, "first-password-1", "SELECT body FROM notes")).toEqual([
        { body: "hello" },
      ]);
      expect(await codeOf(canLogIn(cluster, "alice", "wrong-password"))).toBe(driver.refusedLogin);
    });

    it("refuses the old password once the password changed", async () => {
      const cluster = await newCluster();
      await cluster.createUser("bob", "old-password-1");
      await cluster.setAccess("bob", "app", "read-write");
      await cluster.setPassword("bob", "new-password-2");
      expect(await codeOf(canLogIn(cluster, "bob", "old-password-1"))).toBe(driver.refusedLogin);
      expect(await canLogIn(cluster, "bob", "new-password-2")).toEqual([{ one: 1 }]);
    });

    it("lets a read-only user read but not write, and takes writing away from a read-write one", async () => {
      const cluster = await newCluster();
      const session = await admin(cluster);
      await session.query("CREATE TABLE items (name VARCHAR(20))");
      await session.query("INSERT INTO items VALUES ('kept')");
      await session.end();
      await cluster.createUser("reader", "reader-password");
      await cluster.setAccess("reader", "app", "read-write");
      const connection = cluster.connection("reader", "app");
      await asUser(driver, connection, "reader-password", "INSERT INTO items VALUES ('written')");

      await cluster.setAccess("reader", "app", "read-only");
      expect(
        await asUser(driver, connection, "reader-password", "SELECT name FROM items ORDER BY name"),
      ).toEqual([{ name: "kept" }, { name: "written" }]);
      const write = asUser(driver, connection, "reader-password", "INSERT INTO items VALUES ('refused')");
      expect(await codeOf(write)).toBe(driver.denied);
      const deletion = asUser(driver, connection, "reader-password", "DELETE FROM items");
      expect(await codeOf(deletion)).toBe(driver.denied);
      const creation = asUser(driver, connection, "reader-password", "CREATE TABLE other (id INT)");
      expect(await codeOf(creation)).toBe(driver.denied);
    });

    it("drops a user: it can no longer log in, and dropping it again is no error", async () => {
      const cluster = await newCluster();
      await cluster.createUser("carol", "carol-password");
      await cluster.setAccess("carol", "app", "read-write");
      await asUser(
        driver,
        cluster.connection("carol", "app"),
        "carol-password",
        "CREATE TABLE owned (id INT)",
      );
      await cluster.dropUser("carol");
      expect(await codeOf(canLogIn(cluster, "carol", "carol-password"))).toBe(driver.refusedLogin);
      expect(await cluster.listUsers()).toEqual([]);
      await cluster.dropUser("carol");
      // Its table is still there, for the admin.
      const session = await admin(cluster);
      expect(await session.query("SELECT COUNT(*) AS n FROM owned")).toHaveLength(1);
      await session.end();
    });

    it("keeps clusters apart: same names, own users, no way into the other's database", async () => {
      const first = await newCluster("defaultdb");
      const second = await newCluster("defaultdb");
      await first.createUser("doadmin", "first-cluster-pw");
      await first.setAccess("doadmin", "defaultdb", "read-write");
      await second.createUser("doadmin", "second-cluster-pw");
      await second.createUser("extra", "extra-password");
      await second.setAccess("doadmin", "defaultdb", "read-write");
      expect(await first.listUsers()).toEqual(["doadmin"]);
      expect(await second.listUsers()).toEqual(["doadmin", "extra"]);
      expect(await codeOf(canLogIn(second, "doadmin", "first-cluster-pw", "defaultdb"))).toBe(
        driver.refusedLogin,
      );
      // The first cluster's user, with its own password, on the second cluster's database.
      const intrusion = asUser(
        driver,
        {
          ...first.connection("doadmin", "defaultdb"),
          database: second.connection("x", "defaultdb").database,
        },
        "first-cluster-pw",
        "SELECT 1",
      );
      await expect(intrusion).rejects.toThrow();
    });

    it("takes changes to several clusters at once (a simulator's vendors seed theirs side by side)", async () => {
      const many = await Promise.all(["one", "two", "three", "four"].map(() => newCluster("app")));
      const users = ["reader", "writer", "both"];
      await Promise.all(
        many.flatMap((cluster) =>
          users.map(async (name) => {
            await cluster.createUser(name, `${name}-password-1`);
            await cluster.setAccess(name, "app", name === "reader" ? "read-only" : "read-write");
            if (name === "both") await cluster.setAccess(name, "app", "read-only");
          }),
        ),
      );
      for (const cluster of many) {
        for (const name of users)
          expect(await canLogIn(cluster, name, `${name}-password-1`)).toEqual([{ one: 1 }]);
      }
    });

    it("quotes hostile names and passwords instead of running them", async () => {
      const cluster = await newCluster(`db"; DROP DATABASE app; -- \`x\``);
      await cluster.createUser("victim", "victim-password");
      await cluster.setAccess("victim", `db"; DROP DATABASE app; -- \`x\``, "read-write");
      for (const name of HOSTILE_NAMES) {
        await cluster.createUser(name, HOSTILE_PASSWORD);
        await cluster.setAccess(name, `db"; DROP DATABASE app; -- \`x\``, "read-only");
        await cluster.setPassword(name, `${HOSTILE_PASSWORD}2`);
        expect(
          await canLogIn(cluster, name, `${HOSTILE_PASSWORD}2`, `db"; DROP DATABASE app; -- \`x\``),
        ).toEqual([{ one: 1 }]);
      }
      expect(await cluster.listUsers()).toEqual([...HOSTILE_NAMES, "victim"].sort());
      for (const name of HOSTILE_NAMES) await cluster.dropUser(name);
      expect(await cluster.listUsers()).toEqual(["victim"]);
      expect(
        await canLogIn(cluster, "victim", "victim-password", `db"; DROP DATABASE app; -- \`x\``),
      ).toEqual([{ one: 1 }]);
    });

    it("refuses a name too long for the server instead of cutting it short", async () => {
      const cluster = await newCluster();
      // Over PostgreSQL's 63 bytes (which it would truncate to) and MariaDB's 128 characters.
      const long = "n".repeat(200);
      expect(await codeOf(cluster.createUser(long, "some-password"))).toBe("invalid_name");
      expect(await cluster.listUsers()).toEqual([]);
    });

    it("says why the server refused, without the password", async () => {
      const cluster = await newCluster();
      await cluster.createUser("dave", "dave-secret-password");
      const error = await cluster.createUser("dave", "dave-secret-password").catch((e: unknown) => e);
      expect(error).toMatchObject({ name: "DatabaseBackendError", kind: "exists" });
      const renderings = [
        inspect(error, { depth: Number.POSITIVE_INFINITY, showHidden: true }),
        JSON.stringify(error),
        String(error),
        (error as Error).stack ?? "",
        String((error as Error).cause),
      ];
      for (const rendering of renderings) expect(rendering).not.toContain("dave-secret-password");
    });

    it("drops the cluster's databases and users with it", async () => {
      const cluster = await backend.server.createCluster({ database: "gone" });
      await cluster.createDatabase("also-gone");
      await cluster.createUser("eve", "eve-password");
      await cluster.setAccess("eve", "gone", "read-write");
      const connection = cluster.connection("eve", "gone");
      const other = cluster.connection("eve", "also-gone");
      await cluster.drop();
      expect(await cluster.listUsers()).toEqual([]);
      expect(await codeOf(asUser(driver, connection, "eve-password", "SELECT 1"))).toBe(driver.refusedLogin);
      await expect(driver.admin(backend.adminUrl, connection.database)).rejects.toThrow(
        /not exist|unknown database/i,
      );
      await expect(driver.admin(backend.adminUrl, other.database)).rejects.toThrow(
        /not exist|unknown database/i,
      );
    });
  });
}
