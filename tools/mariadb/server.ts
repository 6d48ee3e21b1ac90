// A MariaDB for the test run, with nothing set up by hand: mariadb-server from Debian's packages when it
// is missing (we are root on every machine of this project), a data folder in the temp directory, a free
// loopback port, and an admin user for the simulator. Stopped by its pid; the folder goes with it.
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { promisify } from "node:util";
import getPort from "get-port";
import { ensureDebianPackage, PACKAGED_ENV, secondsSince } from "../debian-package.ts";

const run = promisify(execFile);

const ADMIN = "dbusers_admin";
const READY_WITHIN_MS = 60_000;

export interface RunningMariaDb {
  /** `mysql://dbusers_admin:<password>@127.0.0.1:<port>/`: may create users and databases and grant. */
  url: string;
  pid: number;
  /** Seconds spent installing (0 when it was there), initialising and starting. */
  timings: { installSeconds: number; initSeconds: number; startSeconds: number };
  /** Stops the server and removes its folder. */
  stop(): Promise<void>;
}

/** Waits until the server answers on its socket, or fails with its log if it exits first. */
async function whenReady(server: ChildProcess, socket: string, errorLog: string): Promise<void> {
  const deadline = performance.now() + READY_WITHIN_MS;
  const exited = once(server, "exit").then(([code]) => code as number | null);
  while (performance.now() < deadline) {
    const answered = await run("mariadb-admin", ["--no-defaults", `--socket=${socket}`, "-uroot", "ping"], {
      env: PACKAGED_ENV,
    }).then(
      () => true,
      () => false,
    );
    if (answered) return;
    const code = await Promise.race([exited, sleep(100).then(() => "running" as const)]);
    if (code !== "running") {
      const log = await readFile(errorLog, "utf8").catch(() => "");
      throw new Error(`mariadbd exited (${code}) before it was ready:\n${log.slice(-2000)}`);
    }
  }
  throw new Error(`mariadbd did not answer within ${READY_WITHIN_MS / 1000} s (log: ${errorLog})`);
}

async function stopped(server: ChildProcess, folder: string): Promise<void> {
  if (server.exitCode === null && server.signalCode === null) {
    const exit = once(server, "exit");
    server.kill("SIGTERM");
    const done = await Promise.race([
      exit.then(() => true),
      sleep(20_000, undefined, { ref: false }).then(() => false),
    ]);
    if (!done) {
      server.kill("SIGKILL");
      await exit;
    }
  }
  await rm(folder, { recursive: true, force: true });
}

export async function startMariaDb(): Promise<RunningMariaDb> {
  let since = performance.now();
  await ensureDebianPackage("mariadb-server", "/usr/sbin/mariadbd");
  const installSeconds = secondsSince(since);

  since = performance.now();
  const folder = await mkdtemp(join(tmpdir(), "dbusers-mariadb-"));
  const datadir = join(folder, "data");
  const socket = join(folder, "mariadb.sock");
  const errorLog = join(folder, "error.log");
  // mariadbd refuses to run as root unless told to; elsewhere it runs as whoever starts it.
  const asRoot = userInfo().uid === 0 ? ["--user=root"] : [];
  // A throw-away server: small buffers, no durability.
  const tuning = [
    "--innodb-buffer-pool-size=64M",
    "--innodb-log-file-size=16M",
    "--innodb-flush-log-at-trx-commit=0",
  ];
  await run(
    "mariadb-install-db",
    [
      "--no-defaults",
      `--datadir=${datadir}`,
      ...asRoot,
      "--auth-root-authentication-method=normal",
      "--skip-test-db",
      ...tuning,
    ],
    { env: PACKAGED_ENV, maxBuffer: 16 * 1024 * 1024 },
  ).catch(async (error: unknown) => {
    await rm(folder, { recursive: true, force: true });
    throw error;
  });
  const initSeconds = secondsSince(since);

  since = performance.now();
  const port = await getPort({ host: "127.0.0.1" });
  const server = spawn(
    "mariadbd",
    [
      "--no-defaults",
      `--datadir=${datadir}`,
      `--socket=${socket}`,
      `--port=${port}`,
      "--bind-address=127.0.0.1",
      `--pid-file=${join(folder, "mariadb.pid")}`,
      `--log-error=${errorLog}`,
      "--skip-name-resolve",
      ...asRoot,
      ...tuning,
    ],
    { env: PACKAGED_ENV, stdio: "ignore" },
  );
  const stop = (): Promise<void> => stopped(server, folder);
  try {
    await whenReady(server, socket, errorLog);
    const password = randomBytes(18).toString("base64url");
    // Through stdin, so that the password shows in no process list. base64url needs no quoting.
    const setup = spawn("mariadb", ["--no-defaults", `--socket=${socket}`, "-uroot"], {
      env: PACKAGED_ENV,
      stdio: ["pipe", "ignore", "inherit"],
    });
    setup.stdin.end(
      `CREATE USER '${ADMIN}'@'127.0.0.1' IDENTIFIED BY '${password}';\n` +
        `GRANT ALL PRIVILEGES ON *.* TO '${ADMIN}'@'127.0.0.1' WITH GRANT OPTION;\n`,
    );
    const [code] = await once(setup, "exit");
    if (code !== 0) throw new Error(`creating the admin user failed (exit ${code})`);
    return {
      url: `mysql://${ADMIN}:${password}@127.0.0.1:${port}/`,
      pid: server.pid ?? 0,
      timings: { installSeconds, initSeconds, startSeconds: secondsSince(since) },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
