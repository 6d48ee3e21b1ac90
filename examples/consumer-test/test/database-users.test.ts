// A consumer's test: our service creates, rotates and deletes database users through dbusers; we check
// that the passwords it gets really open (and then no longer open) a database, without a vendor account.
import { createDatabaseUsers } from "@dbusers/sdk";
import { DEFAULT_TOKEN, type Simulator, startSimulator } from "@dbusers/simulator";
import mysql from "mysql2/promise";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mysqlUrl } from "../../../tools/mariadb/mysql-url.ts";

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ logger: false, databases: { postgres: "embedded", mysql: mysqlUrl() } });
});
afterAll(() => sim.close());

/** The users of one cluster, as the service builds them. */
function usersOf(clusterId: string) {
  return createDatabaseUsers({
    provider: "digitalocean",
    token: DEFAULT_TOKEN,
    clusterId,
    baseUrl: sim.urls.digitalocean,
  });
}

/** Who the server says we are, after logging in with `password`. */
async function whoAmI(
  engine: "pg" | "mysql",
  clusterId: string,
  name: string,
  password: string,
): Promise<string> {
  const connection = { ...(await sim.digitalocean.connection(clusterId, name)), password };
  if (engine === "pg") {
    const client = new pg.Client(connection);
    await client.connect();
    const { rows } = await client.query<{ me: string }>("SELECT current_user AS me");
    await client.end();
    return rows[0]?.me ?? "";
  }
  const client = await mysql.createConnection(connection);
  const [rows] = await client.query("SELECT SUBSTRING_INDEX(CURRENT_USER(), '@', 1) AS me");
  await client.end();
  return (rows as Array<{ me: string }>)[0]?.me ?? "";
}

describe.each(["pg", "mysql"] as const)("database users on a DigitalOcean %s cluster", (engine) => {
  it("hands out a password that logs in, until it is rotated, and nothing once the user is deleted", async () => {
    const { id } = sim.digitalocean.addCluster({ engine });
    const users = usersOf(id);

    const { user, password } = await users.create({ name: "reporting" });
    expect(user.name).toBe("reporting");
    // The real login name: the simulator keeps each cluster's users apart on the shared server.
    const login = (await sim.digitalocean.connection(id, "reporting")).user;
    expect(String(password)).toBe("[REDACTED]");
    expect(await whoAmI(engine, id, "reporting", password.reveal())).toBe(login);

    const rotated = await users.resetPassword("reporting");
    await expect(whoAmI(engine, id, "reporting", password.reveal())).rejects.toThrow(
      /password authentication failed|Access denied/,
    );
    expect(await whoAmI(engine, id, "reporting", rotated.password.reveal())).toBe(login);
    expect((await users.list()).map((u) => u.name)).toEqual(["doadmin", "reporting"]);

    await users.delete("reporting");
    await expect(whoAmI(engine, id, "reporting", rotated.password.reveal())).rejects.toThrow(
      /password authentication failed|Access denied/,
    );
    expect((await users.list()).map((u) => u.name)).toEqual(["doadmin"]);
  });
});
