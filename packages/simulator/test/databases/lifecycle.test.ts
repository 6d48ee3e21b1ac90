import { existsSync } from "node:fs";
import { inspect } from "node:util";
import mysql from "mysql2/promise";
import pg from "pg";
import { describe, expect, it, vi } from "vitest";
import { mysqlUrl } from "../../../../tools/mariadb/mysql-url.ts";
import { startEmbeddedPostgres } from "../../src/databases/embedded-postgres.ts";
import { maskedUrl } from "../../src/databases/masked-url.ts";
import { loadOptional } from "../../src/databases/optional-dependency.ts";
import { postmasterPid } from "../../src/databases/postmaster.ts";
import { startSimulator } from "../../src/index.ts";
import { codeOf } from "./sessions.ts";

async function version(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (
      (await client.query<{ server_version: string }>("SHOW server_version")).rows[0]?.server_version ?? ""
    );
  } finally {
    await client.end();
  }
}

describe("real database servers: starting and stopping", () => {
  it("runs an embedded PostgreSQL in a temp folder on loopback, and removes it on stop", async () => {
    const embedded = await startEmbeddedPostgres();
    expect(new URL(embedded.url).hostname).toBe("127.0.0.1");
    expect(existsSync(embedded.folder)).toBe(true);
    expect(await version(embedded.url)).toMatch(/^\d+\.\d+/);
    await embedded.stop();
    expect(existsSync(embedded.folder)).toBe(false);
    expect(await codeOf(version(embedded.url))).toBe("ECONNREFUSED");
  });

  it("starts two embedded servers side by side, each on a port of its own", async () => {
    const [first, second] = await Promise.all([startEmbeddedPostgres(), startEmbeddedPostgres()]);
    try {
      expect(new URL(first.url).port).not.toBe(new URL(second.url).port);
      await Promise.all([version(first.url), version(second.url)]);
    } finally {
      await Promise.all([first.stop(), second.stop()]);
    }
  });

  it("says where its servers are, passwords masked: sim.databases", async () => {
    const sim = await startSimulator({
      logger: false,
      databases: { postgres: "embedded", mysql: mysqlUrl() },
    });
    try {
      const { postgres, mysql } = sim.databases;
      expect(postgres?.url).toMatch(/^postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:\d+\/postgres$/);
      expect(existsSync(postgres?.folder ?? "")).toBe(true);
      const admin = new URL(mysqlUrl());
      expect(mysql).toEqual({ url: mysqlUrl().replace(`:${admin.password}@`, ":***@") });
      expect(JSON.stringify(sim.databases)).not.toContain(admin.password);
    } finally {
      await sim.close();
    }
    const inMemory = await startSimulator({ logger: false });
    expect(inMemory.databases).toEqual({});
    await inMemory.close();
  });

  it("masks a URL's password, and shows no part of a string that is no URL", () => {
    expect(maskedUrl("mysql://admin:s%40cret@db.test:3306/")).toBe("mysql://admin:***@db.test:3306/");
    expect(maskedUrl("postgres://admin@db.test/postgres")).toBe("postgres://admin@db.test/postgres");
    expect(maskedUrl("admin:secret@db.test:5432")).not.toContain("secret");
  });

  it("closes, removing its folder, when its embedded PostgreSQL has stopped by itself (Ctrl-C signals it too)", async () => {
    const errors: string[] = [];
    const logger = { info: () => {}, warn: () => {}, error: (message: string) => errors.push(message) };
    const sim = await startSimulator({ logger, seed: "demo", databases: "embedded" });
    await sim.settled();
    const folder = sim.databases.postgres?.folder ?? "";
    const pid = await postmasterPid(folder);
    process.kill(pid, "SIGINT"); // PostgreSQL's fast shutdown, as on Ctrl-C
    // Exited and reaped: embedded-postgres has seen its exit, and would wait for another.
    await vi.waitFor(
      () => expect(() => process.kill(pid, 0)).toThrow(expect.objectContaining({ code: "ESRCH" })),
      {
        timeout: 10_000,
      },
    );
    // Nothing is dropped on a server that is thrown away, and its stop waits for no exit to come.
    await sim.close();
    expect(errors).toEqual([]);
    expect(existsSync(folder)).toBe(false);
  });

  it("closes a simulator with real servers after dropping what its clusters created", async () => {
    const sim = await startSimulator({
      logger: false,
      databases: { postgres: "embedded", mysql: mysqlUrl() },
    });
    const cluster = sim.digitalocean.addCluster({
      engine: "mysql",
      users: [{ name: "app", password: "app-password" }],
    });
    const connection = await sim.digitalocean.connection(cluster.id, "app");
    await sim.close();
    await sim.close(); // a second close is no error
    const admin = await mysql.createConnection(mysqlUrl());
    const [users] = await admin.query("SELECT User FROM mysql.user WHERE User = ?", [connection.user]);
    const [databases] = await admin.query("SHOW DATABASES LIKE ?", [connection.database]);
    await admin.end();
    expect(users).toEqual([]);
    expect(databases).toEqual([]);
  });

  it("fails to start, with no password in the error, when a server refuses the admin", async () => {
    const url = new URL(mysqlUrl());
    url.password = "not-the-admin-password";
    const error = await startSimulator({ logger: false, databases: { mysql: url.href } }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ name: "DatabaseBackendError", serverCode: "ER_ACCESS_DENIED_ERROR" });
    expect(inspect(error, { showHidden: true, depth: Number.POSITIVE_INFINITY })).not.toContain(
      "not-the-admin-password",
    );
  });

  it("names the package to install when a driver is missing", async () => {
    const missing = "not-a-real-package-xyz";
    await expect(loadOptional(missing, () => import(missing))).rejects.toThrow(
      "needs the not-a-real-package-xyz package, an optional peer dependency of @dbusers/simulator: npm install --save-dev not-a-real-package-xyz",
    );
  });
});
