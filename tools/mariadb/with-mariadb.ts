// `node tools/mariadb/with-mariadb.ts <command> [args…]`: runs the command with a MariaDB of its own,
// its admin URL in DBUSERS_TEST_MYSQL_URL (turbo passes it through to the tests), and stops the server
// by its pid whatever happens: the command ends or fails, or this process is interrupted (even while the
// server is still starting) or crashes. With DBUSERS_TEST_MYSQL_URL already set, the command runs
// against that server instead.
import { type ChildProcess, spawn } from "node:child_process";
import { constants } from "node:os";
import { type RunningMariaDb, startMariaDb } from "./server.ts";
import { MYSQL_URL_VARIABLE } from "./variable.ts";

const [command, ...args] = process.argv.slice(2);
if (command === undefined) {
  process.stderr.write("usage: node tools/mariadb/with-mariadb.ts <command> [args…]\n");
  process.exit(2);
}

const given = process.env[MYSQL_URL_VARIABLE];
const starting: Promise<RunningMariaDb | undefined> = given ? Promise.resolve(undefined) : startMariaDb();
let child: ChildProcess | undefined;

let finishing = false;
/** Stops the server (once it has started, if it is still starting) and exits with `code`. */
async function finish(code: number): Promise<void> {
  if (finishing) return;
  finishing = true;
  const mariadb = await starting.catch(() => undefined);
  await mariadb?.stop();
  process.exit(code);
}

// Registered before anything is started, so that no signal finds the default handler (instant death).
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.on(signal, () => {
    child?.kill(signal);
    void finish(128 + constants.signals[signal]);
  });
}
process.on("uncaughtException", (error) => {
  process.stderr.write(`with-mariadb: ${error.message}\n`);
  void finish(1);
});

const mariadb = await starting;
if (mariadb) {
  // The last resort, when nothing else could run: a synchronous kill (the temp folder stays behind).
  process.on("exit", () => {
    try {
      process.kill(mariadb.pid, "SIGKILL");
    } catch {
      // already gone
    }
  });
  const { installSeconds, initSeconds, startSeconds } = mariadb.timings;
  process.stdout.write(
    `MariaDB for the tests (pid ${mariadb.pid}): install ${installSeconds} s, init ${initSeconds} s, start ${startSeconds} s\n`,
  );
}

if (!finishing) {
  child = spawn(command, args, {
    stdio: "inherit",
    env: { ...process.env, [MYSQL_URL_VARIABLE]: given ?? mariadb?.url },
  });
  child.on("error", (error) => {
    process.stderr.write(`with-mariadb: cannot run ${command}: ${error.message}\n`);
    void finish(127);
  });
  child.on("exit", (code, signal) => void finish(code ?? (signal ? 128 + constants.signals[signal] : 0)));
}
