// A Redis for the tests and the replicas demo, with nothing set up by hand: redis-server from Debian's
// packages when it is missing (we are root on every machine of this project), a folder in the temp
// directory, a free loopback port, no persistence. Stopped by its pid; the folder goes with it. The
// fault tests stop one and start it again on the same port (`port`).
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, rm } from "node:fs/promises";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import getPort from "get-port";
import { ensureDebianPackage, PACKAGED_ENV, secondsSince } from "../debian-package.ts";

const READY_WITHIN_MS = 30_000;

export interface RunningRedis {
  /** `redis://127.0.0.1:<port>`. */
  url: string;
  port: number;
  pid: number;
  /** Seconds spent installing (0 when it was there) and starting. */
  timings: { installSeconds: number; startSeconds: number };
  /** Stops the server (SIGKILL with `kill: true`: no goodbye to its clients) and removes its folder. */
  stop(options?: { kill?: boolean }): Promise<void>;
}

/** Whether something answers PING on the port with PONG. */
function pings(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: "127.0.0.1", port });
    let answer = "";
    socket.setTimeout(1_000, () => socket.destroy());
    socket.on("connect", () => socket.write("PING\r\n"));
    socket.on("data", (data) => {
      answer += data.toString();
      if (answer.includes("\r\n")) socket.end();
    });
    socket.on("close", () => resolve(answer.startsWith("+PONG")));
    socket.on("error", () => resolve(false));
  });
}

async function whenReady(server: ChildProcess, port: number): Promise<void> {
  const deadline = performance.now() + READY_WITHIN_MS;
  const exited = once(server, "exit").then(([code]) => code as number | null);
  while (performance.now() < deadline) {
    if (await pings(port)) return;
    const code = await Promise.race([exited, sleep(50).then(() => "running" as const)]);
    if (code !== "running") throw new Error(`redis-server exited (${code}) before it was ready`);
  }
  throw new Error(`redis-server did not answer within ${READY_WITHIN_MS / 1000} s`);
}

async function stopped(server: ChildProcess, folder: string, kill: boolean): Promise<void> {
  if (server.exitCode === null && server.signalCode === null) {
    const exit = once(server, "exit");
    server.kill(kill ? "SIGKILL" : "SIGTERM");
    await exit;
  }
  await rm(folder, { recursive: true, force: true });
}

/** Starts redis-server on `port` (default: a free one) on 127.0.0.1, installing it first if needed. */
export async function startRedis(options: { port?: number } = {}): Promise<RunningRedis> {
  let since = performance.now();
  await ensureDebianPackage("redis-server", "/usr/bin/redis-server");
  const installSeconds = secondsSince(since);
  since = performance.now();
  const folder = await mkdtemp(join(tmpdir(), "dbusers-redis-"));
  const port = options.port ?? (await getPort({ host: "127.0.0.1" }));
  // A throw-away server: no snapshots, no append-only file, nothing but loopback.
  const settings = ["--port", String(port), "--bind", "127.0.0.1", "--dir", folder, "--save", ""];
  const server = spawn("redis-server", [...settings, "--appendonly", "no", "--daemonize", "no"], {
    env: PACKAGED_ENV,
    stdio: "ignore",
  });
  const stop = (stopOptions: { kill?: boolean } = {}): Promise<void> =>
    stopped(server, folder, stopOptions.kill ?? false);
  try {
    await whenReady(server, port);
  } catch (error) {
    await stop({ kill: true });
    throw error;
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    pid: server.pid ?? 0,
    timings: { installSeconds, startSeconds: secondsSince(since) },
    stop,
  };
}
