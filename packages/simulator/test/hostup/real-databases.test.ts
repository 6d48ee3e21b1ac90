// HostUp accounts on a real MySQL/MariaDB: the users the API makes log in, hold exactly the privileges it
// grants, and lose their old password and their login when the API says so.
import { describe, expect, it } from "vitest";
import { mysqlUrl } from "../../../../tools/mariadb/mysql-url.ts";
import { realDatabasesSimulator } from "../databases/real-simulator.ts";
import { asUser, codeOf, mysqlDriver } from "../databases/sessions.ts";
import { expectProblem, hostupApi } from "./api.ts";

const real = realDatabasesSimulator();

const DATABASE = "abcde_shop";
const PASSWORD = "Vq7mK2xTz9pLw4Rn";

/** An account on the server with one table in its database, and an API client for it. */
async function account() {
  const { id } = real.sim.hostup.addAccount({ databases: [DATABASE, "abcde_blog"] });
  const admin = await mysqlDriver.admin(
    mysqlUrl(),
    (await real.sim.hostup.connection(id, "nobody", DATABASE)).database,
  );
  await admin.query("CREATE TABLE items (id INT)");
  await admin.query("INSERT INTO items VALUES (1)");
  await admin.end();
  const api = hostupApi(real.sim, id);
  const as = async (username: string, password: string, sql: string) =>
    asUser(mysqlDriver, await real.sim.hostup.connection(id, username, DATABASE), password, sql);
  return { id, api, as };
}

describe("HostUp account on a real MySQL server", () => {
  it("creates a login that may do what was granted, and no more", async () => {
    const { api, as } = await account();
    expect((await api("POST", "", { body: { username: "shop", password: PASSWORD } })).status).toBe(201);
    // A new user has no privilege: it may not even connect to the database.
    expect(await codeOf(as("shop", PASSWORD, "SELECT 1"))).toBe("ER_DBACCESS_DENIED_ERROR");

    const granted = await api("POST", "/shop/privileges", {
      body: { database: DATABASE, privileges: ["SELECT"] },
    });
    expect(granted).toMatchObject({ status: 200, body: { database: DATABASE, privileges: ["SELECT"] } });
    expect(await as("shop", PASSWORD, "SELECT id FROM items")).toEqual([{ id: 1 }]);
    expect(await codeOf(as("shop", PASSWORD, "INSERT INTO items VALUES (2)"))).toBe(mysqlDriver.denied);

    const revoked = await api("DELETE", "/shop/privileges", {
      body: { database: DATABASE, privileges: ["SELECT"] },
    });
    expect(revoked.status).toBe(204);
    expect(await codeOf(as("shop", PASSWORD, "SELECT id FROM items"))).toBe("ER_DBACCESS_DENIED_ERROR");
  });

  it("refuses a privilege name as a 400 problem and grants nothing", async () => {
    const { id, api, as } = await account();
    await api("POST", "", { body: { username: "shop", password: PASSWORD } });
    const refused = await api("POST", "/shop/privileges", {
      body: { database: DATABASE, privileges: ["SELECT", "FLY"] },
    });
    expectProblem(refused, 400, "invalid_request");
    expect(real.sim.hostup.getUser(id, "shop")?.privileges).toEqual({});
    expect(await codeOf(as("shop", PASSWORD, "SELECT id FROM items"))).toBe("ER_DBACCESS_DENIED_ERROR");
  });

  it("rotates the password (the old one refused) and deletes the login", async () => {
    const { api, as } = await account();
    await api("POST", "", { body: { username: "shop", password: PASSWORD } });
    await api("POST", "/shop/privileges", { body: { database: DATABASE, privileges: ["SELECT"] } });
    expect(await as("shop", PASSWORD, "SELECT 1 AS one")).toEqual([{ one: 1 }]);
    const rotated = await api("PUT", "/shop/password", { body: { newPassword: "Hs4nP8qWc2vXe6Zt" } });
    expect(rotated.status).toBe(200);
    expect(await codeOf(as("shop", PASSWORD, "SELECT 1"))).toBe(mysqlDriver.refusedLogin);
    expect(await as("shop", "Hs4nP8qWc2vXe6Zt", "SELECT 1 AS one")).toEqual([{ one: 1 }]);

    expect((await api("DELETE", "/shop")).status).toBe(204);
    expect(await codeOf(as("shop", "Hs4nP8qWc2vXe6Zt", "SELECT 1"))).toBe(mysqlDriver.refusedLogin);
    expect((await api("GET")).body).toEqual({ databaseUsers: [] });
  });

  it("makes seeded users real with their privileges, and lists only the server's users", async () => {
    const { id } = real.sim.hostup.addAccount({
      databases: [DATABASE],
      users: [{ username: "reader", password: PASSWORD, privileges: { [DATABASE]: ["SELECT"] } }],
    });
    const connection = await real.sim.hostup.connection(id, "reader", DATABASE);
    expect(await asUser(mysqlDriver, connection, PASSWORD, "SELECT 1 AS one")).toEqual([{ one: 1 }]);
    expect(await codeOf(asUser(mysqlDriver, connection, PASSWORD, "CREATE TABLE t (id INT)"))).toBe(
      "ER_TABLEACCESS_DENIED_ERROR",
    );
    await mysqlDriver.dropOutside(mysqlUrl(), connection);
    const api = hostupApi(real.sim, id);
    expect((await api("GET")).body).toEqual({ databaseUsers: [] });
    expectProblem(await api("DELETE", "/reader"), 404, "not_found");
  });

  it("keeps an account without databases in memory", async () => {
    const { id } = real.sim.hostup.addAccount();
    expect(
      (await hostupApi(real.sim, id)("POST", "", { body: { username: "app", password: PASSWORD } })).status,
    ).toBe(201);
    await expect(real.sim.hostup.connection(id, "app", DATABASE)).rejects.toThrow(/kept in memory/);
  });
});
