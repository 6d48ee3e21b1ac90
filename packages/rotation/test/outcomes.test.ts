// Unknown outcomes are reported, never guessed, and resolved by the next rotate(); one rotation at a
// time per credential; hooks, verifiers and grants run in order; nothing leaks a password.
import { inspect } from "node:util";
import { startTestSimulator } from "@dbusers/testing";
import { describe, expect, it } from "vitest";
import { createRotation, RotationError } from "../src/index.ts";
import { addTarget, ORIGINAL, ORIGINAL_PASSWORD, originalUser, rotationOptions } from "./targets.ts";

const { sim } = await startTestSimulator();

describe("unknown outcomes", () => {
  it("a twin's password change whose answers were all lost is reported unknown; CURRENT untouched; the next rotate() resets again", async () => {
    const target = addTarget(sim, "scalingo");
    const rotation = createRotation(rotationOptions(target));
    const { current: twin } = await rotation.rotate();
    const twinPassword = target.password(twin);
    sim.failNext({
      vendor: "scalingo",
      operationId: "database_user_reset_password",
      drop: "after-handling",
      count: 10,
    });
    const failed = await rotation.rotate().catch((error: unknown) => error);
    sim.clearFaults();
    expect(failed).toBeInstanceOf(RotationError);
    expect(failed).toMatchObject({ reason: "vendor-error", outcome: "unknown", step: "set password" });
    expect(String((failed as Error).message)).toMatch(/may have happened; CURRENT is untouched/);
    // Clients still read the twin, which still logs in.
    expect((await rotation.current())?.username).toBe(twin);
    expect(target.password(twin)).toBe(twinPassword);
    expect((await rotation.plan()).resumeFrom).toBe("setting-password");
    const resumed = await rotation.rotate();
    expect(resumed).toMatchObject({ current: ORIGINAL, resumedFrom: "setting-password", rotations: 2 });
    expect((await rotation.current())?.password.reveal()).toBe(target.password(ORIGINAL));
  });

  it("a twin create whose answer was lost is found (the adapter's recovery) and rotation goes on", async () => {
    const target = addTarget(sim, "hostup");
    sim.failNext({ vendor: "hostup", operationId: "create_database_user", drop: "after-handling" });
    const rotation = createRotation({
      ...originalUser(target),
      twin: target.twin,
    });
    const { current } = await rotation.rotate();
    expect((await rotation.current())?.password.reveal()).toBe(target.password(current));
    expect(target.names()).toHaveLength(2);
  });
});

describe("one rotation at a time", () => {
  it("two overlapping rotate() calls run in turn: the second finds PREVIOUS draining and sends nothing", async () => {
    const target = addTarget(sim, "digitalocean");
    const rotation = createRotation({
      ...originalUser(target),
      initialPassword: ORIGINAL_PASSWORD,
    });
    const [first, second] = await Promise.allSettled([rotation.rotate(), rotation.rotate()]);
    expect(first.status).toBe("fulfilled");
    expect(second).toMatchObject({ status: "rejected", reason: { reason: "drain-pending" } });
    expect(target.password(ORIGINAL)).toBe(ORIGINAL_PASSWORD);
  });
});

describe("hooks, grants and verification", () => {
  it("runs grants, verify, onPending, onPromoted and onRetired in order, with the twin's credentials", async () => {
    const target = addTarget(sim, "digitalocean");
    const calls: string[] = [];
    const rotation = createRotation({
      ...originalUser(target),
      drainMs: 0,
      grants: async ({ current, pending, original }) =>
        void calls.push(`grants ${pending} like ${current} (original ${original})`),
      verify: ({ username, password }) => {
        calls.push(`verify ${username}`);
        expect(password.reveal()).toBe(target.password(username));
      },
      onPending: ({ username }) => void calls.push(`onPending ${username}`),
      onPromoted: ({ current, previous }) =>
        void calls.push(`onPromoted ${current.username} (previous ${previous})`),
      onRetired: ({ username }) => void calls.push(`onRetired ${username}`),
    });
    await rotation.rotate();
    await rotation.rotate();
    const twin = `${ORIGINAL}-twin`;
    expect(calls).toEqual([
      `grants ${twin} like ${ORIGINAL} (original ${ORIGINAL})`,
      `verify ${twin}`,
      `onPending ${twin}`,
      `onPromoted ${twin} (previous ${ORIGINAL})`,
      `onRetired ${ORIGINAL}`,
      `grants ${ORIGINAL} like ${twin} (original ${ORIGINAL})`,
      `verify ${ORIGINAL}`,
      `onPending ${ORIGINAL}`,
      `onPromoted ${ORIGINAL} (previous ${twin})`,
    ]);
  });

  it("a failed verification leaves CURRENT in place and the twin unpromoted", async () => {
    const target = addTarget(sim, "cloud66");
    const rotation = createRotation({
      ...originalUser(target),
      initialPassword: ORIGINAL_PASSWORD,
      twin: target.twin,
      verify: () => {
        throw new Error("cannot log in");
      },
    });
    await expect(rotation.rotate()).rejects.toMatchObject({
      reason: "verification-failed",
      outcome: "not-applied",
    });
    expect(await rotation.current()).toMatchObject({ username: ORIGINAL });
    expect((await rotation.state())?.pending).toMatchObject({ step: "granted" });
  });

  it("never shows a password: the state, the plan and errors print [REDACTED] or nothing", async () => {
    const target = addTarget(sim, "scalingo");
    const rotation = createRotation(rotationOptions(target));
    await rotation.rotate();
    const error = await rotation.rotate({ signal: AbortSignal.abort() }).catch((e: unknown) => e);
    const state = await rotation.state();
    const shown = [
      inspect(state, { depth: 9 }),
      JSON.stringify(state),
      JSON.stringify(await rotation.plan()),
      inspect(error),
      String(error),
    ].join("\n");
    for (const name of target.names()) {
      const password = target.password(name);
      if (password) expect(shown).not.toContain(password);
    }
    expect(shown).not.toContain(ORIGINAL_PASSWORD);
    expect(shown).toContain("[REDACTED]");
  });
});
