// The command line, checked before anything starts: what each database option asks startSimulator for,
// and the refusals (exit code 2, with the usage), which never repeat a value that may hold a password.
import { describe, expect, it } from "vitest";
import { parseCommandLine } from "../../src/cli/arguments.ts";
import { startCli } from "./cli-process.ts";

const SECRET = "Hunter2-Secret-Password";

describe("the CLI's database options", () => {
  it.each([
    [[], undefined],
    [["--databases", "embedded"], { postgres: "embedded" }],
    [["--postgres", "embedded"], { postgres: "embedded" }],
    [
      ["--postgres", "postgresql://admin:pw@db.test:5432/postgres"],
      { postgres: "postgresql://admin:pw@db.test:5432/postgres" },
    ],
    [["--mysql", "mysql://admin:pw@db.test:3306/"], { mysql: "mysql://admin:pw@db.test:3306/" }],
    [
      ["--databases", "embedded", "--mysql", "mysql://admin:pw@db.test:3306/"],
      { postgres: "embedded", mysql: "mysql://admin:pw@db.test:3306/" },
    ],
  ])("%j gives databases %j", (args, databases) => {
    expect(parseCommandLine(args, {}).databases).toEqual(databases);
  });

  const POSTGRES_URL = "postgres://admin:pw@db.test:5432/postgres";
  const MYSQL_URL = "mysql://admin:pw@db.test:3306/";
  it.each([
    [[], { DBUSERS_SIMULATOR_POSTGRES: POSTGRES_URL }, { postgres: POSTGRES_URL }],
    [[], { DBUSERS_SIMULATOR_POSTGRES: "embedded" }, { postgres: "embedded" }],
    [[], { DBUSERS_SIMULATOR_MYSQL: MYSQL_URL }, { mysql: MYSQL_URL }],
    [
      ["--databases", "embedded"],
      { DBUSERS_SIMULATOR_MYSQL: MYSQL_URL },
      { postgres: "embedded", mysql: MYSQL_URL },
    ],
    // The command line wins over the environment.
    [["--postgres", "embedded"], { DBUSERS_SIMULATOR_POSTGRES: POSTGRES_URL }, { postgres: "embedded" }],
    [["--databases", "embedded"], { DBUSERS_SIMULATOR_POSTGRES: POSTGRES_URL }, { postgres: "embedded" }],
    [
      ["--mysql", "mysql://other:pw@db2.test:3306/"],
      { DBUSERS_SIMULATOR_MYSQL: MYSQL_URL },
      { mysql: "mysql://other:pw@db2.test:3306/" },
    ],
    // Set but empty, as `VAR= command` leaves it: unset.
    [[], { DBUSERS_SIMULATOR_POSTGRES: "", DBUSERS_SIMULATOR_MYSQL: "" }, undefined],
  ])("%j with the environment %j gives databases %j", (args, env, databases) => {
    expect(parseCommandLine(args, env).databases).toEqual(databases);
  });

  it.each([
    [["--databases", "foo"], "--databases takes one value, embedded"],
    [["--databases", `postgres://admin:${SECRET}@db.test/postgres`], "--databases takes one value, embedded"],
    [["--postgres", `mysql://admin:${SECRET}@db.test/`], "--postgres takes embedded or postgres://"],
    [["--postgres", "localhost:5432"], "--postgres takes embedded or postgres://"],
    [["--mysql", "embedded"], "--mysql takes mysql://user:password@host:3306/ (there is no embedded MySQL)"],
    [
      ["--databases", "embedded", "--postgres", `postgres://admin:${SECRET}@db.test/postgres`],
      "--databases embedded starts a PostgreSQL of its own: give it or --postgres <url>, not both",
    ],
    [[`postgres://admin:${SECRET}@db.test/postgres`], "takes options only, no other arguments"],
  ])("refuses %j: exit 2, says why, shows the usage, repeats no password", async (args, message) => {
    const cli = startCli(args);
    expect(await cli.exited).toEqual({ code: 2, signal: null });
    expect(cli.output()).toContain(`dbusers-simulator: ${message}`);
    expect(cli.output()).toContain("Usage: dbusers-simulator [options]");
    expect(cli.output()).not.toContain(SECRET);
  });

  it.each([
    ["DBUSERS_SIMULATOR_POSTGRES", `mysql://admin:${SECRET}@db.test/`, "embedded or postgres://"],
    [
      "DBUSERS_SIMULATOR_MYSQL",
      `postgres://admin:${SECRET}@db.test/postgres`,
      "mysql://user:password@host:3306/",
    ],
  ])(
    "refuses a wrong %s: exit 2, names the variable, repeats no password",
    async (variable, value, takes) => {
      const cli = startCli([], { env: { [variable]: value } });
      expect(await cli.exited).toEqual({ code: 2, signal: null });
      expect(cli.output()).toContain(`dbusers-simulator: ${variable} takes ${takes}`);
      expect(cli.output()).not.toContain(SECRET);
    },
  );

  it("documents the database options in --help", async () => {
    const cli = startCli(["--help"]);
    expect(await cli.exited).toEqual({ code: 0, signal: null });
    for (const option of [
      "--databases embedded",
      "--postgres <url>",
      "--mysql <url>",
      "DBUSERS_SIMULATOR_POSTGRES",
      "DBUSERS_SIMULATOR_MYSQL",
    ]) {
      expect(cli.output()).toContain(option);
    }
  });
});
