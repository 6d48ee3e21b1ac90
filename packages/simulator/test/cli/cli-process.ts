// The `dbusers-simulator` CLI run from its source, as a user runs it: a separate Node process whose output
// is read until what a test waits for shows up.
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { onTestFinished } from "vitest";

const CLI = fileURLToPath(new URL("../../src/cli.ts", import.meta.url));

export interface CliProcess {
  readonly child: ChildProcess;
  /** Everything printed so far, stdout and stderr. */
  output(): string;
  /** Resolves with the output once it matches `pattern`; rejects if the process exits first. */
  waitFor(pattern: RegExp): Promise<RegExpExecArray>;
  /** The exit code (or the signal that ended it), once its output is complete. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Starts the CLI with `args`; killed after the test if it is still running. `detached`: in a process
 * group of its own, as a terminal runs a command (signal the group with `process.kill(-pid, …)`). `env`:
 * variables added to this process's environment.
 */
export function startCli(
  args: readonly string[],
  { detached = false, env = {} }: { detached?: boolean; env?: Record<string, string> } = {},
): CliProcess {
  const child = spawn(process.execPath, [CLI, ...args], {
    stdio: ["ignore", "pipe", "pipe"],
    detached,
    env: { ...process.env, ...env },
  });
  let output = "";
  const waiters = new Set<() => void>();
  for (const stream of [child.stdout, child.stderr]) {
    stream.setEncoding("utf8");
    stream.on("data", (chunk: string) => {
      output += chunk;
      for (const wake of waiters) wake();
    });
  }
  const exited = once(child, "close").then(([code, signal]) => ({
    code: code as number | null,
    signal: signal as NodeJS.Signals | null,
  }));
  onTestFinished(() => {
    if (child.exitCode === null && child.signalCode === null) {
      if (detached && child.pid) process.kill(-child.pid, "SIGKILL");
      else child.kill("SIGKILL");
    }
  });
  return {
    child,
    output: () => output,
    waitFor: (pattern) =>
      new Promise((resolve, reject) => {
        const check = (): void => {
          const match = pattern.exec(output);
          if (!match) return;
          waiters.delete(check);
          resolve(match);
        };
        waiters.add(check);
        check();
        void exited.then(({ code, signal }) => {
          waiters.delete(check);
          reject(new Error(`the CLI exited (${code ?? signal}) before printing ${pattern}:\n${output}`));
        });
      }),
    exited,
  };
}
