#!/usr/bin/env node
import { parseArgs } from "node:util";
import { DEFAULT_TOKEN, type SimulatorLogger, startSimulator } from "./index.ts";

const usage = `Usage: dbusers-simulator [options]

Serves stateful, spec-validated fakes of the vendors' database-user APIs.

Options:
  -p, --port <n>       TCP port (default 4010; 0 picks a free one)
      --host <addr>    interface to listen on (default 127.0.0.1)
      --seed <name>    starting state: demo | empty (default demo)
      --no-strict      send responses that violate the spec instead of a 500 (still logged)
  -q, --quiet          do not log each request
  -h, --help           show this help
`;

function fail(message: string): never {
  process.stderr.write(`dbusers-simulator: ${message}\n\n${usage}`);
  process.exit(2);
}

let values: ReturnType<typeof parse>["values"];
function parse() {
  return parseArgs({
    options: {
      port: { type: "string", short: "p", default: "4010" },
      host: { type: "string", default: "127.0.0.1" },
      seed: { type: "string", default: "demo" },
      strict: { type: "boolean", default: true },
      quiet: { type: "boolean", short: "q", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
    allowNegative: true,
    strict: true,
  });
}
try {
  values = parse().values;
} catch (error) {
  fail((error as Error).message);
}

if (values.help) {
  process.stdout.write(usage);
  process.exit(0);
}
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`invalid --port ${values.port}`);
const seedName = values.seed;
if (seedName !== "demo" && seedName !== "empty") fail(`invalid --seed ${seedName} (demo or empty)`);
const seed: "demo" | "empty" = seedName;

const log = (line: string): void => {
  process.stdout.write(`${new Date().toISOString()} ${line}\n`);
};
const logger: SimulatorLogger = {
  info: (message) => {
    if (!values.quiet) log(message);
  },
  warn: (message) => log(`WARN ${message}`),
  error: (message, details) => log(`ERROR ${message} ${details ? JSON.stringify(details) : ""}`),
};

async function main(): Promise<void> {
  const sim = await startSimulator({
    port,
    host: values.host,
    seed,
    strict: values.strict,
    logger,
  });

  const lines = [
    `dbusers simulator listening on ${sim.url}`,
    ...Object.entries(sim.urls).map(([vendor, url]) => `  ${vendor.padEnd(14)} ${url}`),
    "",
    `Demo token (every scope): ${DEFAULT_TOKEN}`,
  ];
  if (seed === "demo") {
    lines.push("", "DigitalOcean demo clusters:");
    for (const cluster of sim.digitalocean.listClusters()) {
      lines.push(
        `  ${cluster.engine.padEnd(6)} ${cluster.id}  ${cluster.name}  users: ${cluster.users.map((u) => u.name).join(", ")}`,
      );
    }
    const first = sim.digitalocean.listClusters()[0];
    if (first) {
      lines.push(
        "",
        "Try:",
        `  curl -H "Authorization: Bearer ${DEFAULT_TOKEN}" ${sim.urls.digitalocean}/v2/databases/${first.id}/users`,
      );
    }
  }
  process.stdout.write(`${lines.join("\n")}\n\n`);

  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    sim.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`dbusers-simulator: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
