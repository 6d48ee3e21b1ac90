// Kills a rotation's process at every step boundary, on every vendor, then runs rotate() again: it
// ends consistent, CURRENT's credentials worked all along, and no more than two vendor users exist.
import { spawn } from "node:child_process";
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createDatabaseUsers, type ProviderName } from "@dbusers/sdk";
import { startTestSimulator } from "@dbusers/testing";
import { afterAll, describe, expect, it } from "vitest";
import { createFileStore, createRotation, type Rotation } from "../src/index.ts";
import { addTarget, ORIGINAL, VENDORS, type VendorTarget } from "./targets.ts";

const { sim } = await startTestSimulator();
const CHILD = fileURLToPath(new URL("./crash/child.ts", import.meta.url));
const folder = await mkdtemp(path.join(tmpdir(), "dbusers-rotation-crash-"));

interface CrashRecord {
  provider: ProviderName;
  rotation: "first" | "second";
  crashedAt: string;
  found: string;
  did: string[];
}
const records: CrashRecord[] = [];

/** Runs the child until its `crashAt`-th boundary; the boundary it died at, or `undefined` if it finished. */
function runChild(target: VendorTarget, storePath: string, crashAt: number): Promise<string | undefined> {
  const input = { config: target.config, twin: target.twin, storePath, credential: ORIGINAL, crashAt };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD, JSON.stringify(input)], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk));
    child.on("close", (code, signal) => {
      const lines = stdout
        .trim()
        .split("\n")
        .filter(Boolean)
        .map((line) => JSON.parse(line) as { boundary?: string; done?: boolean });
      if (signal === "SIGKILL") resolve(lines.at(-1)?.boundary ?? "(before any boundary)");
      else if (code === 0 && lines.at(-1)?.done) resolve(undefined);
      else reject(new Error(`child exited ${code} ${signal}: ${stderr}`));
    });
  });
}

function rotationOf(target: VendorTarget, storePath: string): Rotation {
  return createRotation({
    users: createDatabaseUsers(target.config),
    store: createFileStore(storePath),
    credential: ORIGINAL,
    twin: target.twin,
    drainMs: 0,
  });
}

/** CURRENT's stored password is the one the vendor holds: clients reading the store log in. */
async function expectCurrentWorks(target: VendorTarget, rotation: Rotation): Promise<void> {
  const current = await rotation.current();
  if (current) expect(current.password.reveal()).toBe(target.password(current.username));
}

describe.each(VENDORS)("%s: a rotation killed at every step boundary", (provider) => {
  for (const which of ["first", "second"] as const) {
    it(`${which} rotation: rotate() again ends consistent, CURRENT never broken, at most two users`, async () => {
      for (let crashAt = 1; ; crashAt++) {
        const target = addTarget(sim, provider);
        const storePath = path.join(folder, `${provider}-${which}-${crashAt}.json`);
        if (which === "second") await rotationOf(target, storePath).rotate();
        const before = await rotationOf(target, storePath).current();
        const crashedAt = await runChild(target, storePath, crashAt);
        if (crashedAt === undefined) {
          expect(crashAt).toBeGreaterThan(3);
          break;
        }
        const rotation = rotationOf(target, storePath);
        // Killed mid-rotation: what clients read still logs in, and PREVIOUS's holders too.
        await expectCurrentWorks(target, rotation);
        if (before) expect(target.password(before.username)).toBe(before.password.reveal());
        expect(target.names().length).toBeLessThanOrEqual(2);
        const plan = await rotation.plan();
        const result = await rotation.rotate();
        const state = await rotation.state();
        expect(state?.pending).toBeUndefined();
        expect(state?.due).toEqual([]);
        expect(state?.rotations).toBeGreaterThanOrEqual(which === "first" ? 1 : 2);
        await expectCurrentWorks(target, rotation);
        expect(target.names().length).toBeLessThanOrEqual(2);
        records.push({
          provider,
          rotation: which,
          crashedAt,
          found: `${result.actions[0]}${plan.resumeFrom ? ` (plan: resume from ${plan.resumeFrom})` : ""}`,
          did: result.actions.slice(1),
        });
      }
    });
  }
});

afterAll(async () => {
  const lines = records.map(
    (r) =>
      `${r.provider.padEnd(12)} ${r.rotation.padEnd(6)} killed after ${r.crashedAt.padEnd(26)} → ${r.found}; ${r.did.join("; ")}`,
  );
  const out = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "test-results");
  await mkdir(out, { recursive: true });
  await writeFile(path.join(out, "crash-points.txt"), `${lines.join("\n")}\n`);
  console.log(`Crash points (${records.length}):\n${lines.join("\n")}`);
});
