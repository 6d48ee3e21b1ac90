// Runs a command with a test server of its own (MariaDB, Redis), its URL in an environment variable
// (turbo passes it through to the tests), and stops the server by its pid whatever happens: the command
// ends or fails, or this process is interrupted (even while the server is still starting) or crashes.
// With the variable already set, the command runs against that server instead.
import { type ChildProcess, spawn } from "node:child_process";
import { constants } from "node:os";

export interface TestServer {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

export interface ServerRun<S extends TestServer> {
  /** Names the runner in its messages, e.g. `with-redis`. */
  name: string;
  variable: string;
  start(): Promise<S>;
  /** The line printed once the server is up. */
  describe(server: S): string;
}

export async function runWithServer<S extends TestServer>(run: ServerRun<S>, argv: string[]): Promise<void> {
  const [command, ...args] = argv;
  if (command === undefined) {
    process.stderr.write(`usage: node tools/.../${run.name}.ts <command> [args…]\n`);
    process.exit(2);
  }
  const given = process.env[run.variable];
  const starting: Promise<S | undefined> = given ? Promise.resolve(undefined) : run.start();
  let child: ChildProcess | undefined;

  let finishing = false;
  /** Stops the server (once it has started, if it is still starting) and exits with `code`. */
  async function finish(code: number): Promise<void> {
    if (finishing) return;
    finishing = true;
    const server = await starting.catch(() => undefined);
    await server?.stop();
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
    process.stderr.write(`${run.name}: ${error.message}\n`);
    void finish(1);
  });

  const server = await starting;
  if (server) {
    // The last resort, when nothing else could run: a synchronous kill (the temp folder stays behind).
    process.on("exit", () => {
      try {
        process.kill(server.pid, "SIGKILL");
      } catch {
        // already gone
      }
    });
    process.stdout.write(`${run.describe(server)}\n`);
  }

  if (!finishing) {
    child = spawn(command, args, {
      stdio: "inherit",
      env: { ...process.env, [run.variable]: given ?? server?.url },
    });
    child.on("error", (error) => {
      process.stderr.write(`${run.name}: cannot run ${command}: ${error.message}\n`);
      void finish(127);
    });
    child.on("exit", (code, signal) => void finish(code ?? (signal ? 128 + constants.signals[signal] : 0)));
  }
}
