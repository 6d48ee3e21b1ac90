// DigitalOcean clusters on real servers: what the API hands out logs in, and what it takes away does not.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { mysqlUrl } from "../../../../tools/mariadb/mysql-url.ts";
import { type DigitalOceanEngine, type Simulator, startSimulator } from "../../src/index.ts";
import { asUser, codeOf, type Driver, mysqlDriver, postgresDriver } from "../databases/sessions.ts";
import { digitalOceanApi } from "../helpers.ts";

let sim: Simulator;
let adminUrls: Record<"postgres" | "mysql", string>;

beforeAll(async () => {
  sim = await startSimulator({ logger: false, databases: { postgres: "embedded", mysql: mysqlUrl() } });
  // The embedded server's admin URL is the simulator's own; the tests that need it use MySQL's.
  adminUrls = { postgres: "", mysql: mysqlUrl() };
});
afterEach(() => {
  expect(sim.violations).toEqual([]);
});
afterAll(() => sim.close());

const engines: Array<[DigitalOceanEngine, Driver]> = [
  ["pg", postgresDriver],
  ["mysql", mysqlDriver],
];

describe.each(engines)("DigitalOcean %s cluster on a real server", (engine, driver) => {
  const logIn = async (clusterId: string, name: string, password: string) =>
    asUser(driver, await sim.digitalocean.connection(clusterId, name), password, "SELECT 1 AS one");

  it("creates a login with the password it returns, rotates it, and drops it", async () => {
    const api = digitalOceanApi(sim);
    const { id } = sim.digitalocean.addCluster({ engine });
    const added = await api.add(id, { name: "app-01" });
    expect(added.status).toBe(201);
    const first = added.body.user.password as string;
    expect(await logIn(id, "app-01", first)).toEqual([{ one: 1 }]);

    const reset = await api.resetAuth(id, "app-01");
    expect(reset.status).toBe(200);
    const second = reset.body.user.password as string;
    expect(await codeOf(logIn(id, "app-01", first))).toBe(driver.refusedLogin);
    expect(await logIn(id, "app-01", second)).toEqual([{ one: 1 }]);

    expect((await api.remove(id, "app-01")).status).toBe(204);
    expect(await codeOf(logIn(id, "app-01", second))).toBe(driver.refusedLogin);
    expect((await api.list(id)).body.users.map((u: { name: string }) => u.name)).toEqual(["doadmin"]);
  });

  it("gives every user, the primary one included, a login that may write defaultdb", async () => {
    const api = digitalOceanApi(sim);
    const { id } = sim.digitalocean.addCluster({ engine });
    const password = (await api.add(id, { name: "writer" })).body.user.password as string;
    const connection = await sim.digitalocean.connection(id, "writer");
    await asUser(driver, connection, password, "CREATE TABLE t (id INT)");
    await asUser(driver, connection, password, "INSERT INTO t VALUES (1)");
    const primary = sim.digitalocean.getUser(id, "doadmin")?.password ?? "";
    expect(
      await asUser(driver, await sim.digitalocean.connection(id, "doadmin"), primary, "SELECT id FROM t"),
    ).toEqual([{ id: 1 }]);
    expect((await api.remove(id, "doadmin")).status).toBe(422);
    expect(await logIn(id, "doadmin", primary)).toEqual([{ one: 1 }]);
  });

  it("makes seeded and control-handle users real too, and removes them", async () => {
    const { id } = sim.digitalocean.addCluster({
      engine,
      users: [{ name: "seeded", password: "seeded-password" }],
    });
    sim.digitalocean.addUser(id, { name: "later", password: "later-password" });
    expect(await logIn(id, "seeded", "seeded-password")).toEqual([{ one: 1 }]);
    expect(await logIn(id, "later", "later-password")).toEqual([{ one: 1 }]);
    sim.digitalocean.removeUser(id, "later");
    expect(await codeOf(logIn(id, "later", "later-password"))).toBe(driver.refusedLogin);
    expect((await digitalOceanApi(sim).list(id)).body.users.map((u: { name: string }) => u.name)).toEqual([
      "doadmin",
      "seeded",
    ]);
  });

  it("keeps a hostile name a name", async () => {
    const api = digitalOceanApi(sim);
    const { id } = sim.digitalocean.addCluster({ engine });
    const name = `o'brien";DROP-ROLE-doadmin;--\`x\``;
    const added = await api.add(id, { name });
    expect(added.status).toBe(201);
    expect(await logIn(id, name, added.body.user.password)).toEqual([{ one: 1 }]);
    expect((await api.list(id)).body.users.map((u: { name: string }) => u.name)).toEqual(["doadmin", name]);
    expect((await api.remove(id, name)).status).toBe(204);
  });

  it("keeps no trace of a name the server refuses: 422 from the API, undone for the control handle", async () => {
    const api = digitalOceanApi(sim);
    const { id } = sim.digitalocean.addCluster({ engine });
    const name = "n".repeat(200);
    const added = await api.add(id, { name });
    expect(added.status).toBe(422);
    expect(added.body.message).toMatch(/invalid user name/);
    expect(sim.digitalocean.getUser(id, name)).toBeUndefined();
    expect((await api.add(id, { name: "fine" })).status).toBe(201);

    // The control handle cannot wait for the server: it records the user, which is removed once refused.
    sim.digitalocean.addUser(id, { name, password: "refused-password" });
    await sim.settled();
    expect(sim.digitalocean.getUser(id, name)).toBeUndefined();
    expect((await api.list(id)).body.users.map((u: { name: string }) => u.name)).toEqual(["doadmin", "fine"]);
  });
});

describe("DigitalOcean users follow the server", () => {
  it("forgets a user whose login was dropped on the server behind its back", async () => {
    const api = digitalOceanApi(sim);
    const { id } = sim.digitalocean.addCluster({ engine: "mysql" });
    await api.add(id, { name: "gone" });
    await mysqlDriver.dropOutside(adminUrls.mysql, await sim.digitalocean.connection(id, "gone"));
    expect((await api.list(id)).body.users.map((u: { name: string }) => u.name)).toEqual(["doadmin"]);
    expect((await api.get(id, "gone")).status).toBe(404);
    expect((await api.resetAuth(id, "gone")).status).toBe(404);
    expect((await api.remove(id, "gone")).status).toBe(404);
  });

  it("reports MySQL 8's auth plugin as asked, while MariaDB logs the user in with its own", async () => {
    const api = digitalOceanApi(sim);
    const { id } = sim.digitalocean.addCluster({ engine: "mysql" });
    for (const auth_plugin of ["caching_sha2_password", "mysql_native_password"]) {
      const added = await api.add(id, { name: auth_plugin, mysql_settings: { auth_plugin } });
      expect(added.body.user.mysql_settings).toEqual({ auth_plugin });
      const connection = await sim.digitalocean.connection(id, auth_plugin);
      expect(await asUser(mysqlDriver, connection, added.body.user.password, "SELECT 1 AS one")).toEqual([
        { one: 1 },
      ]);
    }
  });

  it("keeps MongoDB clusters in memory", async () => {
    const api = digitalOceanApi(sim);
    const { id } = sim.digitalocean.addCluster({ engine: "mongodb" });
    expect((await api.add(id, { name: "reader", readonly: true })).status).toBe(201);
    await expect(sim.digitalocean.connection(id, "reader")).rejects.toThrow(/kept in memory/);
  });

  it("drops the real databases of the clusters it forgets on reset", async () => {
    const { id } = sim.digitalocean.addCluster({
      engine: "mysql",
      users: [{ name: "old", password: "old-password" }],
    });
    const connection = await sim.digitalocean.connection(id, "old");
    sim.reset();
    await sim.settled();
    expect(await codeOf(asUser(mysqlDriver, connection, "old-password", "SELECT 1"))).toBe(
      mysqlDriver.refusedLogin,
    );
    expect(sim.digitalocean.listClusters()).toEqual([]);
  });
});

describe("a simulator with a server for one engine only", () => {
  it("keeps the other engine's clusters in memory", async () => {
    const pgOnly = await startSimulator({ logger: false, databases: "embedded" });
    try {
      const { id } = pgOnly.digitalocean.addCluster({ engine: "mysql" });
      expect((await digitalOceanApi(pgOnly).add(id, { name: "app" })).status).toBe(201);
      await expect(pgOnly.digitalocean.connection(id, "app")).rejects.toThrow(/kept in memory/);
      const pgCluster = pgOnly.digitalocean.addCluster({ engine: "pg" });
      expect((await pgOnly.digitalocean.connection(pgCluster.id, "doadmin")).host).toBe("127.0.0.1");
    } finally {
      await pgOnly.close();
    }
  });
});
