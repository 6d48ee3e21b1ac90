// `pnpm demo`: the tour of the product. The simulator starts in-process and the same facade code
// (`createDatabaseUsers` from @dbusers/sdk) runs a user's lifecycle on every vendor, then prints one
// table of results and one of capabilities.
//
//   pnpm demo                         every vendor, against the simulator
//   pnpm demo --provider hostup       one vendor (repeatable)
//   pnpm demo --databases embedded    the simulator's users are real logins on a PostgreSQL of its own,
//                                     and the tour logs in with every password it gets (HostUp is MySQL
//                                     only: add --mysql mysql://admin:password@host:3306/ for it)
//   pnpm demo --rotation              the proof of @dbusers/rotation: real logins on every vendor while
//                                     a credential is rotated in place and alternating, side by side
//                                     (--rotations 20 --clients 8 by default; MariaDB is started for
//                                     HostUp unless DBUSERS_TEST_MYSQL_URL names one)
//   DBUSERS_PROVIDER=… pnpm demo      the real API of that vendor, configured by `fromEnv` (its own
//                                     variables, e.g. DIGITALOCEAN_TOKEN, DIGITALOCEAN_CLUSTER_ID);
//                                     it creates and deletes a user named demo<random>
import { parseArgs } from "node:util";
import {
  createDatabaseUsers,
  type DatabaseUsersConfig,
  fromEnv,
  type Logger,
  PROVIDERS,
  type ProviderName,
  ValidationError,
} from "@dbusers/sdk";
import { type DatabasesOption, startSimulator } from "@dbusers/simulator";
import { realDatabaseTargets, tourLogins } from "./demo/logins.ts";
import { rotationDemo, rotationTable } from "./demo/rotation.ts";
import {
  CREATE_OPERATION,
  paceForTheTour,
  seededTargets,
  simulatedConfig,
} from "./demo/simulated-configs.ts";
import { capabilitiesTable, resultsTable } from "./demo/tables.ts";
import { runTour, type TourResult } from "./demo/tour.ts";

function usageError(message: string): never {
  console.error(message);
  process.exit(2);
}

/** The real API's config from the environment; a variable missing or malformed is a usage error. */
function configFromEnv(): DatabaseUsersConfig {
  try {
    return fromEnv();
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    // The issues name variables, never their values.
    const lines = (error.issues ?? []).map((issue) => `  ${issue.path} ${issue.message}`);
    usageError(
      [
        "DBUSERS_PROVIDER is set, so the tour runs on a real API, but these variables are not right:",
        ...lines,
        "(unset DBUSERS_PROVIDER to run it against the simulator)",
      ].join("\n"),
    );
  }
}

const { values } = parseArgs({
  options: {
    provider: { type: "string", multiple: true },
    databases: { type: "string" },
    mysql: { type: "string" },
    rotation: { type: "boolean" },
    rotations: { type: "string", default: "20" },
    clients: { type: "string", default: "8" },
  },
});
const requested = (values.provider ?? []) as ProviderName[];
for (const provider of requested) {
  if (!PROVIDERS.includes(provider))
    usageError(`unknown --provider ${provider}; one of ${PROVIDERS.join(", ")}`);
}
// No value of these is ever printed: a URL holds a password.
if (values.databases !== undefined && values.databases !== "embedded") {
  usageError("--databases takes one value: embedded (a PostgreSQL of the simulator's own)");
}
if (values.mysql !== undefined && URL.parse(values.mysql)?.protocol !== "mysql:") {
  usageError("--mysql takes a URL: mysql://admin:password@host:3306/");
}
if (values.rotation) {
  const count = (value: string, what: string) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1 || n > 1000)
      usageError(`--${what} takes a whole number from 1 to 1000`);
    return n;
  };
  const providers = requested.length > 0 ? requested : PROVIDERS;
  const options = {
    providers,
    rotations: count(values.rotations, "rotations"),
    clients: count(values.clients, "clients"),
    progress: (provider: string) => console.log(`  ${provider}: done`),
  };
  console.log(
    `Rotating one credential ${options.rotations} times per vendor and strategy while ${options.clients} clients read CURRENT from the store and log in (real PostgreSQL; MariaDB for HostUp):\n`,
  );
  const table = rotationTable(await rotationDemo(options));
  console.table(table);
  const failed = Object.values(table).some((row) => row["alternating failed"] !== 0);
  console.log(
    failed ? "\nAlternating rotation failed logins." : "\nAlternating: 0 failed logins on every vendor.",
  );
  process.exit(failed ? 1 : 0);
}

const databases: DatabasesOption | undefined =
  values.databases || values.mysql
    ? {
        ...(values.databases && { postgres: "embedded" }),
        ...(values.mysql && { mysql: values.mysql }),
      }
    : undefined;

// Kept per request, to show one debug line with its credentials masked.
const requestLog: Array<{ message: string; meta?: Record<string, unknown> }> = [];
const logger: Logger = { debug: (message, meta) => requestLog.push({ message, meta }) };
const results = new Map<string, TourResult>();

if (process.env.DBUSERS_PROVIDER) {
  if (databases) usageError("--databases and --mysql are for the simulator: unset DBUSERS_PROVIDER");
  const config = configFromEnv();
  console.log(`Target: the real ${config.provider} API (DBUSERS_PROVIDER is set)`);
  results.set(config.provider, await runTour(createDatabaseUsers({ ...config, logger })));
} else {
  const sim = await startSimulator({ seed: "demo", logger: false, ...(databases && { databases }) });
  paceForTheTour(sim);
  console.log(`Target: @dbusers/simulator at ${sim.url}, started in-process with its demo data`);
  for (const [engine, { url }] of Object.entries(sim.databases)) {
    console.log(`Real ${engine} server: ${url} (its users are real logins)`);
  }
  console.log("(set DBUSERS_PROVIDER and that vendor's variables to run the same tour on the real API)\n");
  try {
    const targets = databases ? realDatabaseTargets(sim, seededTargets()) : seededTargets();
    // The seeded clusters are created on the servers before the tour, so that it does not time them.
    await sim.settled();
    for (const provider of requested.length > 0 ? requested : PROVIDERS) {
      const users = createDatabaseUsers(simulatedConfig(provider, sim, logger, targets));
      const loseNextCreateAnswer = () =>
        sim.failNext({ vendor: provider, drop: "after-handling", operationId: CREATE_OPERATION[provider] });
      const logins = databases ? tourLogins(provider, sim, targets) : undefined;
      results.set(provider, await runTour(users, { loseNextCreateAnswer, ...(logins && { logins }) }));
    }
    if (sim.violations.length > 0) {
      console.error(`the simulator broke its spec ${sim.violations.length} time(s)`, sim.violations);
      process.exitCode = 1;
    }
  } finally {
    await sim.close();
  }
}

console.log("Lifecycle, the same code on every vendor:");
console.table(resultsTable(results));
console.log("\nCapabilities:");
console.table(capabilitiesTable(results));
const line = requestLog.find((entry) => entry.meta?.responseBody !== undefined);
console.log("\nWhat a debug log sees of a request (credentials masked):");
console.log(
  line?.message,
  JSON.stringify({ requestHeaders: line?.meta?.requestHeaders, responseBody: line?.meta?.responseBody }),
);
