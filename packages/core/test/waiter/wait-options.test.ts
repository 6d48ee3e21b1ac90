import { describe, expect, it } from "vitest";
import { checkWaitOptions } from "../../src/adapter.ts";
import type { WaitOptions } from "../../src/index.ts";

describe("checkWaitOptions", () => {
  it("accepts no options and positive numbers of milliseconds", () => {
    expect(checkWaitOptions({}, "wait")).toEqual([]);
    expect(checkWaitOptions({ timeoutMs: 60_000, minDelayMs: 0.5, maxDelayMs: 15_000 }, "wait")).toEqual([]);
  });

  it("names every value that is not a positive, finite number", () => {
    const options = { timeoutMs: 0, minDelayMs: -1, maxDelayMs: Number.POSITIVE_INFINITY };
    expect(checkWaitOptions(options, "wait")).toEqual([
      { path: "wait.timeoutMs", message: "must be a positive number of milliseconds" },
      { path: "wait.minDelayMs", message: "must be a positive number of milliseconds" },
      { path: "wait.maxDelayMs", message: "must be a positive number of milliseconds" },
    ]);
    const untyped = { timeoutMs: "10s" } as unknown as WaitOptions;
    expect(checkWaitOptions(untyped, "w")).toEqual([
      { path: "w.timeoutMs", message: "must be a positive number of milliseconds" },
    ]);
  });

  it("refuses something that is not an object (an untyped caller)", () => {
    expect(checkWaitOptions(null as unknown as WaitOptions, "wait")).toEqual([
      { path: "wait", message: "must be an object of wait options (timeoutMs, minDelayMs, maxDelayMs)" },
    ]);
  });
});
