// Running the commands of tools/test/release.test.ts: pnpm, changesets and npm as a maintainer and a
// consumer run them, each in its own folder, asynchronously (the test process keeps serving the
// registry's child and the simulator while they run), with their output kept for the error message.
import { execFile } from "node:child_process";
import path from "node:path";

/**
 * The environment of every command: this one, with this Node 24 first on PATH (npm's `#!/usr/bin/env
 * node`, the consumer's scripts and the simulator's bin all run on it), and without what pnpm, turbo and
 * vitest add for their own scripts. NODE_PATH would let the consumer find the workspace's packages, npm
 * reads every `npm_config_*` variable as its own configuration, and a TURBO_* variable would make the
 * clone's turbo think it runs inside this one.
 */
export const ENV: NodeJS.ProcessEnv = Object.fromEntries(
  Object.entries(process.env).filter(
    ([key]) =>
      !/^(npm_|pnpm_|turbo_|vitest)/i.test(key) &&
      !["NODE", "NODE_PATH", "NODE_ENV", "NODE_OPTIONS", "INIT_CWD", "TEST"].includes(key) &&
      !["BASE_URL", "MODE", "DEV", "PROD", "SSR"].includes(key),
  ),
);
ENV.PATH = [path.dirname(process.execPath), process.env.PATH].join(path.delimiter);

/** A whole build of the workspace runs in some of them: minutes on a loaded two-core machine. */
const COMMAND_TIMEOUT_MS = 300_000;

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command to its end; `env` is added to ENV. */
export function run(
  command: string,
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv = {},
): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      { cwd, env: { ...ENV, ...env }, timeout: COMMAND_TIMEOUT_MS, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
        resolve({ code, stdout, stderr: code === -1 ? `${stderr}\n${error?.message}` : stderr });
      },
    );
  });
}

/** Runs a command that must succeed; its output is in the error if it does not. */
export async function mustRun(
  command: string,
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv = {},
): Promise<RunResult> {
  const result = await run(command, args, cwd, env);
  if (result.code !== 0) {
    const shown = [command, ...args].join(" ");
    throw new Error(
      `${shown} (in ${cwd}) exited with ${result.code}\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`,
    );
  }
  return result;
}
