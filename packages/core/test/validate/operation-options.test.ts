import { describe, expect, it } from "vitest";
import { requireOperationOptions } from "../../src/adapter.ts";
import { ValidationError } from "../../src/index.ts";

function refusal(options: unknown): ValidationError {
  try {
    requireOperationOptions(options as never, "testvendor");
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
  throw new Error("accepted");
}

describe("requireOperationOptions (the last argument of every operation)", () => {
  it("passes absent options and well-formed ones through", () => {
    const signal = new AbortController().signal;
    expect(requireOperationOptions(undefined, "testvendor")).toEqual({});
    for (const options of [{}, { signal }, { wait: false }, { wait: true }, { wait: { timeoutMs: 5_000 } }]) {
      expect(requireOperationOptions(options, "testvendor")).toBe(options);
    }
  });

  it.each([
    [null, "options", "must be an object"],
    ["fast", "options", "must be an object"],
    [{ signal: "x" }, "signal", "must be an AbortSignal"],
    [{ signal: { aborted: false } }, "signal", "must be an AbortSignal"],
    [{ wait: "soon" }, "wait", "must be a boolean or an object of wait options"],
    [{ wait: { timeoutMs: -1 } }, "wait.timeoutMs", "must be a positive number of milliseconds"],
  ])("refuses %j, naming %s", (options, path, message) => {
    const error = refusal(options);
    expect(error.issues).toEqual([{ path, message }]);
    expect(error.message).toBe(`testvendor: invalid input: ${path} ${message}`);
  });
});
