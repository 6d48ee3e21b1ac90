import { afterEach, describe, expect, it, vi } from "vitest";
import { type PollResult, waitUntil } from "../../src/adapter.ts";
import { OperationFailedError, TimeoutError } from "../../src/index.ts";

afterEach(() => {
  vi.useRealTimers();
});

/** Polls answering `retry` until `succeedOn`, recording when each poll happened. */
function scriptedPoll(succeedOn: number, times: number[] = []) {
  let calls = 0;
  const poll = vi.fn(async (): Promise<PollResult<string>> => {
    times.push(Date.now());
    calls += 1;
    return calls >= succeedOn ? { state: "success", value: "done" } : { state: "retry", reason: "running" };
  });
  return { poll, times };
}

describe("waitUntil", () => {
  it("returns the value once a poll succeeds", async () => {
    const { poll } = scriptedPoll(3);
    await expect(
      waitUntil({ provider: "cloud66", description: "action 1", poll, minDelayMs: 1, maxDelayMs: 2 }),
    ).resolves.toBe("done");
    expect(poll).toHaveBeenCalledTimes(3);
  });

  it("polls once and returns at once when the first poll succeeds", async () => {
    const { poll } = scriptedPoll(1);
    await expect(waitUntil({ provider: "cloud66", description: "x", poll })).resolves.toBe("done");
    expect(poll).toHaveBeenCalledTimes(1);
  });

  it("throws OperationFailedError with the reason when the operation failed", async () => {
    const poll = async (): Promise<PollResult<never>> => ({
      state: "failure",
      reason: "finished_success=false",
    });
    const error = await waitUntil({
      provider: "cloud66",
      description: "user creation (action 7)",
      poll,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OperationFailedError);
    expect(error).toMatchObject({
      provider: "cloud66",
      code: "operation_failed",
      message: "cloud66: user creation (action 7) failed: finished_success=false",
    });
  });

  it("throws TimeoutError when the deadline passes, after a last poll at the deadline", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
    const { poll, times } = scriptedPoll(Number.POSITIVE_INFINITY);
    const start = Date.now();
    const outcome = waitUntil({
      provider: "cloud66",
      description: "action 9",
      poll,
      timeoutMs: 10_000,
      minDelayMs: 3_000,
      maxDelayMs: 3_000,
      random: () => 0,
    }).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(10_000);
    const error = await outcome;
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).message).toBe(
      "cloud66: action 9 did not finish within 10000 ms (last state: running)",
    );
    expect(times.map((t) => t - start)).toEqual([0, 3_000, 6_000, 9_000, 10_000]);
  });

  it("grows delays exponentially from minDelayMs with random = 0 at the floor", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
    const { poll, times } = scriptedPoll(4);
    const start = Date.now();
    const done = waitUntil({
      provider: "cloud66",
      description: "x",
      poll,
      minDelayMs: 1_000,
      maxDelayMs: 60_000,
      random: () => 0,
    });
    await vi.advanceTimersByTimeAsync(10_000);
    await done;
    expect(times.map((t) => t - start)).toEqual([0, 1_000, 2_000, 3_000]);
  });

  it("grows delays exponentially up to maxDelayMs with random ≈ 1 at the ceiling", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
    const { poll, times } = scriptedPoll(6);
    const start = Date.now();
    const done = waitUntil({
      provider: "cloud66",
      description: "x",
      poll,
      minDelayMs: 1_000,
      maxDelayMs: 5_000,
      random: () => 1,
    });
    await vi.advanceTimersByTimeAsync(60_000);
    await done;
    // Delays 1000 (2^0), 2000, 4000, then capped at 5000.
    expect(times.map((t) => t - start)).toEqual([0, 1_000, 3_000, 7_000, 12_000, 17_000]);
  });

  it("rejects at once with the abort reason while waiting between polls", async () => {
    const { poll } = scriptedPoll(Number.POSITIVE_INFINITY);
    const controller = new AbortController();
    const reason = new Error("shutting down");
    const waiting = waitUntil({
      provider: "cloud66",
      description: "x",
      poll,
      minDelayMs: 60_000,
      signal: controller.signal,
    });
    await vi.waitFor(() => expect(poll).toHaveBeenCalledTimes(1));
    const abortedAt = Date.now();
    controller.abort(reason);
    await expect(waiting).rejects.toBe(reason);
    expect(Date.now() - abortedAt).toBeLessThan(500);
    expect(poll).toHaveBeenCalledTimes(1);
  });

  it("does not poll at all with an already-aborted signal", async () => {
    const { poll } = scriptedPoll(1);
    const reason = new Error("already");
    await expect(
      waitUntil({ provider: "cloud66", description: "x", poll, signal: AbortSignal.abort(reason) }),
    ).rejects.toBe(reason);
    expect(poll).not.toHaveBeenCalled();
  });

  it("propagates an error thrown by a poll", async () => {
    const failure = new Error("network");
    await expect(
      waitUntil({ provider: "cloud66", description: "x", poll: () => Promise.reject(failure) }),
    ).rejects.toBe(failure);
  });
});
