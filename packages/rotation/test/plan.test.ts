import { startTestSimulator } from "@dbusers/testing";
import { describe, expect, it } from "vitest";
import { createRotation } from "../src/index.ts";
import { addTarget, ORIGINAL, originalUser } from "./targets.ts";

const { sim, handled } = await startTestSimulator();

describe("plan()", () => {
  it("says what a first and a resumed rotation would do, sending nothing", async () => {
    const target = addTarget(sim, "scalingo");
    const rotation = createRotation({
      ...originalUser(target),
      drainMs: 0,
    });
    handled.length = 0;
    const first = await rotation.plan();
    expect(handled).toEqual([]);
    expect(first).toMatchObject({
      strategy: "alternating",
      current: ORIGINAL,
      pending: `${ORIGINAL}-twin`,
      due: [],
    });
    expect(first.resumeFrom).toBeUndefined();
    expect(first.steps.join("\n")).toMatch(/create it like appuser1 if absent/);

    sim.failNext({
      vendor: "scalingo",
      operationId: "database_user_reset_password",
      drop: "after-handling",
      count: 10,
    });
    await rotation.rotate();
    await rotation.rotate().catch(() => undefined);
    sim.clearFaults();
    handled.length = 0;
    const resumed = await rotation.plan();
    expect(handled).toEqual([]);
    expect(resumed).toMatchObject({
      current: `${ORIGINAL}-twin`,
      pending: ORIGINAL,
      resumeFrom: "setting-password",
    });
    expect(resumed.steps.join("\n")).toMatch(/again: the interrupted change may or may not have happened/);
    console.log(
      `plan() of a first rotation:\n${JSON.stringify(first, null, 2)}\nplan() of a resumed one:\n${JSON.stringify(resumed, null, 2)}`,
    );
  });
});
