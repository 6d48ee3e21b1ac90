import { startTestSimulator } from "@dbusers/testing";
import { describe, expect, it } from "vitest";
import { createRotation, RotationError } from "../src/index.ts";
import { addTarget, ORIGINAL, ORIGINAL_PASSWORD, originalUser, rotationOptions, VENDORS } from "./targets.ts";

const { sim } = await startTestSimulator();

describe.each(VENDORS)("%s: alternating rotation", (provider) => {
  it("promotes the twin, keeps PREVIOUS working until the next rotation, and never makes a third user", async () => {
    const target = addTarget(sim, provider);
    const rotation = createRotation(rotationOptions(target));
    const first = await rotation.rotate();
    const twin = first.current;
    expect(twin).not.toBe(ORIGINAL);
    expect(first).toMatchObject({ rotated: true, previous: ORIGINAL, rotations: 1 });
    const current = await rotation.current();
    expect(current?.username).toBe(twin);
    expect(current?.password.reveal()).toBe(target.password(twin));
    // PREVIOUS still logs in with the password clients held before.
    expect(target.password(ORIGINAL)).toBe(ORIGINAL_PASSWORD);

    const second = await rotation.rotate();
    expect(second).toMatchObject({ current: ORIGINAL, previous: twin, rotations: 2 });
    expect((await rotation.current())?.password.reveal()).toBe(target.password(ORIGINAL));
    expect(target.password(ORIGINAL)).not.toBe(ORIGINAL_PASSWORD);
    expect(target.names().sort()).toEqual([ORIGINAL, twin].sort());
  });

  it("refuses to retire PREVIOUS within its drain period, sending nothing", async () => {
    const target = addTarget(sim, provider);
    let clock = 1_000_000;
    const rotation = createRotation({
      ...originalUser(target),
      twin: target.twin,
      drainMs: 60_000,
      now: () => clock,
    });
    await rotation.rotate();
    const before = target.password(ORIGINAL);
    const refused = await rotation.rotate().catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(RotationError);
    expect(refused).toMatchObject({ reason: "drain-pending", outcome: "not-applied", retryAfterMs: 60_000 });
    expect(target.password(ORIGINAL)).toBe(before);
    clock += 60_000;
    await expect(rotation.rotate()).resolves.toMatchObject({ current: ORIGINAL, rotations: 2 });
  });
});
