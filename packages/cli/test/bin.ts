// Runs the BUILT bin (dist/bin.mjs) in a child process, as a user's shell would: arguments, environment,
// stdin, and (through util-linux's `script`) a pseudo-terminal when a test needs a TTY.
import { execFile, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Simulator } from "@dbusers/simulator";
import { afterAll } from "vitest";

export const BIN: string = fileURLToPath(new URL("../dist/bin.mjs", import.meta.url));

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `dbusers args…` with exactly `env` (plus PATH), feeding `stdin`. */
export function dbusers(args: readonly string[], env: Record<string, string>, stdin = ""): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { PATH: process.env.PATH ?? "", ...env },
      cwd: env.HOME,
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

/** Runs it on a pseudo-terminal (`script -qec`): stdout and stderr are both the terminal's output. */
export function dbusersOnTty(args: readonly string[], env: Record<string, string>): Promise<Run> {
  const command = [process.execPath, BIN, ...args].map(shellQuote).join(" ");
  return new Promise((resolve) => {
    execFile(
      "script",
      ["-qec", command, "/dev/null"],
      { env: { PATH: process.env.PATH ?? "", TERM: "xterm", ...env }, cwd: env.HOME },
      (error, stdout, stderr) => {
        const code = error ? Number((error as { code?: number }).code ?? -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

function shellQuote(word: string): string {
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

/** A fresh working folder (the child's HOME and cwd), removed after the file's tests. */
export function workFolder(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "dbusers-cli-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A token of the simulator's, long and random, so that a leak of it can be searched for. */
export const TOKEN: string = `dbusers_cli_test_${randomBytes(16).toString("hex")}`;
export const SIMULATOR_OPTIONS: { tokens: Record<string, string[]>; defaultToken: false } = {
  tokens: { [TOKEN]: ["*"] },
  defaultToken: false,
};

/** The environment of a HostUp account of the simulator, in the sdk's `fromEnv` names. */
export function hostUpEnv(sim: Simulator, accountId: string, home: string): Record<string, string> {
  return {
    HOME: home,
    DBUSERS_PROVIDER: "hostup",
    HOSTUP_TOKEN: TOKEN,
    HOSTUP_ACCOUNT_ID: accountId,
    DBUSERS_BASE_URL: sim.urls.hostup,
  };
}

/** The environment of a DigitalOcean cluster of the simulator, in the sdk's `fromEnv` names. */
export function digitalOceanEnv(sim: Simulator, clusterId: string, home: string): Record<string, string> {
  return {
    HOME: home,
    DBUSERS_PROVIDER: "digitalocean",
    DIGITALOCEAN_TOKEN: TOKEN,
    DIGITALOCEAN_CLUSTER_ID: clusterId,
    DBUSERS_BASE_URL: sim.urls.digitalocean,
  };
}
