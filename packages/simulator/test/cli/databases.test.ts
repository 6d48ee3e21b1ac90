// `dbusers-simulator --databases embedded`: the users it serves are real PostgreSQL logins, it says where
// (no password shown), and whatever stops it (SIGTERM, or Ctrl-C in a terminal, which signals the whole
// process group, PostgreSQL included) it exits 0 with the server stopped and its folder removed.
import { existsSync } from "node:fs";
import mysql from "mysql2/promise";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { mysqlUrl } from "../../../../tools/mariadb/mysql-url.ts";
import { postmasterPid } from "../../src/databases/postmaster.ts";
import { DEFAULT_TOKEN, DIGITALOCEAN_DEMO_SEED, SCALINGO_DEMO_SEED } from "../../src/index.ts";
import { codeOf } from "../databases/sessions.ts";
import { bannerTargets } from "./banner-targets.ts";
import { type CliProcess, startCli } from "./cli-process.ts";

const demoPg = DIGITALOCEAN_DEMO_SEED.clusters?.[0]?.id ?? "";
const scalingoPg = SCALINGO_DEMO_SEED.databases?.find((database) => database.engine === "postgresql");

interface Started {
  digitalocean: string;
  folder: string;
  /** PostgreSQL's process. */
  pid: number;
  /** Where the demo cluster's users log in: their names carry the cluster's prefix. */
  login: { host: string; port: number; database: string; prefix: string };
}

/** Waits for the start-up lines and reads them as a user would. */
async function started(cli: CliProcess): Promise<Started> {
  await cli.waitFor(/Try:\n.*\n/);
  const output = cli.output();
  const digitalocean = /digitalocean\s+(http:\/\/\S+\/digitalocean)/.exec(output)?.[1];
  const embedded =
    /postgres\s+postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:\d+\/postgres {2}\(embedded, data in (\S+), removed on exit\)/.exec(
      output,
    );
  const login = /users log in as (c[0-9a-f]{8}_)<name> to postgres:\/\/([\d.]+):(\d+)\/(\S+)/.exec(output);
  if (!digitalocean || !embedded?.[1] || !login) throw new Error(`unexpected start-up lines:\n${output}`);
  const folder = embedded[1];
  return {
    digitalocean,
    folder,
    pid: await postmasterPid(folder),
    login: { prefix: login[1] ?? "", host: login[2] ?? "", port: Number(login[3]), database: login[4] ?? "" },
  };
}

/** Who the server says we are, logged in to the demo cluster's database as `name`. */
async function whoAmI(login: Started["login"], name: string, password: string): Promise<string> {
  const client = new pg.Client({ ...login, user: `${login.prefix}${name}`, password });
  client.on("error", () => {});
  await client.connect();
  try {
    return (await client.query<{ me: string }>("SELECT current_user AS me")).rows[0]?.me ?? "";
  } finally {
    await client.end();
  }
}

async function expectStoppedAndRemoved(cli: CliProcess, { pid, folder, login }: Started): Promise<void> {
  expect(await cli.exited).toEqual({ code: 0, signal: null });
  expect(cli.output()).not.toContain("ERROR");
  expect(() => process.kill(pid, 0)).toThrow(expect.objectContaining({ code: "ESRCH" }));
  expect(existsSync(folder)).toBe(false);
  expect(await codeOf(whoAmI(login, "doadmin", "any"))).toBe("ECONNREFUSED");
}

describe("dbusers-simulator with real databases", () => {
  it("creates users that log in to its PostgreSQL, shows no password, and on SIGTERM stops it and exits 0", async () => {
    const cli = startCli(["--port", "0", "--databases", "embedded"]);
    const up = await started(cli);
    expect(existsSync(up.folder)).toBe(true);

    // Every vendor's PostgreSQL-backed target says how its users log in, each with a prefix of its own;
    // the MySQL ones, without a MySQL server, are kept in memory and say nothing.
    const logins = bannerTargets(cli.output()).flatMap(({ vendor, text }) => {
      const login = /users log in as (c[0-9a-f]{8}_)<name> to postgres:\/\/[\d.]+:(\d+)\/(\S+)$/m.exec(text);
      return login ? [{ vendor, prefix: login[1], port: Number(login[2]), database: login[3] }] : [];
    });
    expect(logins).toEqual([
      {
        vendor: "digitalocean",
        prefix: up.login.prefix,
        port: up.login.port,
        database: `${up.login.prefix}defaultdb`,
      },
      { vendor: "scalingo", prefix: expect.any(String), port: up.login.port, database: expect.any(String) },
    ]);
    const scalingo = logins[1];
    expect(scalingo?.prefix).not.toBe(up.login.prefix);
    expect(scalingo?.database).toBe(`${scalingo?.prefix}${scalingoPg?.name}`);
    expect(cli.output().match(/log in as/g)).toHaveLength(2);

    // The seeded users' passwords (which the API shows) are not in the start-up lines.
    const seeded = await fetch(`${up.digitalocean}/v2/databases/${demoPg}/users`, {
      headers: { authorization: `Bearer ${DEFAULT_TOKEN}` },
    });
    const passwords = ((await seeded.json()).users as { password: string }[]).map((user) => user.password);
    expect(passwords).toHaveLength(2);
    for (const seededPassword of passwords) expect(cli.output()).not.toContain(seededPassword);

    const response = await fetch(`${up.digitalocean}/v2/databases/${demoPg}/users`, {
      method: "POST",
      headers: { authorization: `Bearer ${DEFAULT_TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify({ name: "cli-login" }),
    });
    expect(response.status).toBe(201);
    const { password } = (await response.json()).user as { password: string };
    expect(await whoAmI(up.login, "cli-login", password)).toBe(`${up.login.prefix}cli-login`);
    await cli.waitFor(/POST \/digitalocean\S* → 201/); // the request's log line
    expect(cli.output()).not.toContain(password);

    cli.child.kill("SIGTERM");
    await expectStoppedAndRemoved(cli, up);
  });

  it("exits 0 on SIGHUP (its terminal closed)", async () => {
    const cli = startCli(["--port", "0", "--databases", "embedded", "--quiet"]);
    const up = await started(cli);
    cli.child.kill("SIGHUP");
    await expectStoppedAndRemoved(cli, up);
  });

  it("exits 0 on Ctrl-C in a terminal (SIGINT to the process group: PostgreSQL stops by itself too)", async () => {
    const cli = startCli(["--port", "0", "--databases", "embedded", "--quiet"], { detached: true });
    const up = await started(cli);
    process.kill(-(cli.child.pid ?? 0), "SIGINT");
    await expectStoppedAndRemoved(cli, up);
  });

  it("--mysql: its MySQL users exist on that server until it stops, then they and their databases are dropped", async () => {
    const cli = startCli(["--port", "0", "--databases", "embedded", "--mysql", mysqlUrl(), "--quiet"]);
    const up = await started(cli);
    const { password } = new URL(mysqlUrl());
    expect(cli.output()).toContain(`mysql          ${mysqlUrl().replace(`:${password}@`, ":***@")}\n`);
    expect(cli.output()).not.toContain(password);
    const prefix = /users log in as (c[0-9a-f]{8}_)<name> to mysql:\/\//.exec(cli.output())?.[1];
    // Every vendor has a MySQL target in the demo seed, each on that server now.
    expect(
      bannerTargets(cli.output())
        .filter(({ text }) => text.includes(" to mysql://"))
        .map(({ vendor }) => vendor),
    ).toEqual(["digitalocean", "scalingo", "cloud66", "hostup"]);
    const admin = await mysql.createConnection(mysqlUrl());
    try {
      const own = async () => ({
        users: (
          await admin.query("SELECT User AS name FROM mysql.user WHERE LEFT(User, 10) = ? ORDER BY User", [
            prefix,
          ])
        )[0],
        databases: (await admin.query("SHOW DATABASES LIKE ?", [`${prefix}%`]))[0],
      });
      expect(await own()).toEqual({
        users: [{ name: `${prefix}app-02` }, { name: `${prefix}doadmin` }],
        databases: [{ [`Database (${prefix}%)`]: `${prefix}defaultdb` }],
      });
      cli.child.kill("SIGTERM");
      await expectStoppedAndRemoved(cli, up);
      expect(await own()).toEqual({ users: [], databases: [] });
    } finally {
      await admin.end();
    }
  });

  it.each([
    ["--postgres", "postgres://admin:Unreachable-Secret-1@127.0.0.1:1/postgres", "connecting to PostgreSQL"],
    ["--mysql", "mysql://admin:Unreachable-Secret-1@127.0.0.1:1/", "connecting to MySQL"],
  ])(
    "%s to a server it cannot reach: exit 1, says which, repeats no password",
    async (option, url, message) => {
      const cli = startCli(["--port", "0", option, url]);
      expect(await cli.exited).toEqual({ code: 1, signal: null });
      expect(cli.output()).toContain(`dbusers-simulator: ${message}: connect ECONNREFUSED`);
      expect(cli.output()).not.toContain("Unreachable-Secret-1");
    },
  );
});
