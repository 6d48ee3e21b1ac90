import { afterEach, describe, expect, type FakeTimersConfig, it, vi } from "vitest";
import { type PollResult, type WaitUntilOptions, waitUntil } from "../../src/adapter.ts";
import {
  InvalidResponseError,
  NotFoundError,
  OperationFailedError,
  TimeoutError,
  UnavailableError,
} from "../../src/index.ts";

afterEach(() => {
  vi.useRealTimers();
});

// Only the clock the waiter reads; promises and I/O run for real.
const FAKE_CLOCK: FakeTimersConfig = { toFake: ["setTimeout", "clearTimeout", "Date"] };

/** Polls answering `retry` until `succeedOn`, recording when each poll happened and its signal. */
function scriptedPoll(succeedOn: number, times: number[] = []) {
  let calls = 0;
  const signals: AbortSignal[] = [];
  const poll = vi.fn(async (signal: AbortSignal): Promise<PollResult<string>> => {
    times.push(Date.now());
    signals.push(signal);
    calls += 1;
    return calls >= succeedOn ? { state: "success", value: "done" } : { state: "retry", reason: "running" };
  });
  return { poll, times, signals };
}

/**
 * Runs a wait whose polls answer `retry` until `succeedOn`, under the fake clock advanced by
 * `advanceMs`; returns when each poll happened (ms from the start) and how the wait ended.
 */
async function pollSchedule(
  succeedOn: number,
  options: Omit<WaitUntilOptions<string>, "provider" | "description" | "poll">,
  advanceMs: number,
) {
  vi.useFakeTimers(FAKE_CLOCK);
  const { poll, times } = scriptedPoll(succeedOn);
  const start = Date.now();
  const outcome = waitUntil({ provider: "cloud66", description: "action 9", poll, ...options }).catch(
    (e: unknown) => e,
  );
  await vi.advanceTimersByTimeAsync(advanceMs);
  return { offsets: times.map((t) => t - start), outcome: await outcome, poll };
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

  it("grows delays exponentially from minDelayMs with random = 0 at the floor", async () => {
    const { offsets, outcome } = await pollSchedule(
      4,
      { minDelayMs: 1_000, maxDelayMs: 60_000, random: () => 0 },
      10_000,
    );
    expect(outcome).toBe("done");
    expect(offsets).toEqual([0, 1_000, 2_000, 3_000]);
  });

  it("grows delays exponentially up to maxDelayMs with random ≈ 1 at the ceiling", async () => {
    const { offsets, outcome } = await pollSchedule(
      6,
      { minDelayMs: 1_000, maxDelayMs: 5_000, random: () => 1 },
      60_000,
    );
    expect(outcome).toBe("done");
    // Delays 1000 (2^0), 2000, 4000, then capped at 5000.
    expect(offsets).toEqual([0, 1_000, 3_000, 7_000, 12_000, 17_000]);
  });

  it("propagates an error thrown by a poll", async () => {
    const failure = new Error("network");
    await expect(
      waitUntil({ provider: "cloud66", description: "x", poll: () => Promise.reject(failure) }),
    ).rejects.toBe(failure);
    const refused = new NotFoundError("cloud66: no such stack", { provider: "cloud66" });
    await expect(
      waitUntil({ provider: "cloud66", description: "x", poll: () => Promise.reject(refused) }),
    ).rejects.toBe(refused);
  });

  it.each([
    ["unreachable", () => new UnavailableError("cloud66: could not reach the API", { provider: "cloud66" })],
    [
      "a body cut short",
      () => new InvalidResponseError("cloud66: the 200 answer is not JSON", { provider: "cloud66" }),
    ],
    [
      "an attempt timed out",
      () => new TimeoutError("cloud66: GET got no answer within 30 ms", { provider: "cloud66" }),
    ],
  ])("polls again after a read that got no usable answer (%s): the operation goes on", async (_, failure) => {
    let calls = 0;
    const poll = async (): Promise<PollResult<string>> => {
      calls += 1;
      if (calls === 1) throw failure();
      return { state: "success", value: "done" };
    };
    const value = await waitUntil({
      provider: "cloud66",
      description: "x",
      poll,
      minDelayMs: 1,
      maxDelayMs: 1,
    });
    expect(value).toBe("done");
    expect(calls).toBe(2);
  });
});

describe("waitUntil: the time limit", () => {
  it("gives up with a TimeoutError naming the failed read when every poll failed to read", async () => {
    vi.useFakeTimers(FAKE_CLOCK);
    const poll = vi.fn(async (): Promise<PollResult<string>> => {
      throw new UnavailableError("cloud66: could not reach the API", { provider: "cloud66" });
    });
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
    expect(await outcome).toBeInstanceOf(TimeoutError);
    expect(((await outcome) as TimeoutError).message).toBe(
      "cloud66: action 9 did not finish within 10000 ms (last state: a poll failed: cloud66: could not reach the API)",
    );
    expect(poll).toHaveBeenCalledTimes(4);
  });

  it("gives up with a TimeoutError, its last poll starting minDelayMs before the limit, and never polls again", async () => {
    const { offsets, outcome, poll } = await pollSchedule(
      Number.POSITIVE_INFINITY,
      { timeoutMs: 10_000, minDelayMs: 3_000, maxDelayMs: 3_000, random: () => 0 },
      10_000,
    );
    expect(outcome).toBeInstanceOf(TimeoutError);
    expect((outcome as TimeoutError).message).toBe(
      "cloud66: action 9 did not finish within 10000 ms (last state: running)",
    );
    // 0, 3 s, 6 s; then 9 s would leave the last poll 1 s to answer, less than minDelayMs: 7 s instead.
    expect(offsets).toEqual([0, 3_000, 6_000, 7_000]);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(poll).toHaveBeenCalledTimes(4);
  });

  it("aborts a poll still running at the limit and rejects with the TimeoutError", async () => {
    vi.useFakeTimers(FAKE_CLOCK);
    let pollSignal: AbortSignal | undefined;
    const poll = vi.fn(
      (signal: AbortSignal) =>
        new Promise<PollResult<string>>((_resolve, reject) => {
          pollSignal = signal;
          // A request that never answers, as fetch does: it only ends when its signal aborts.
          signal.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError")));
        }),
    );
    const outcome = waitUntil({ provider: "cloud66", description: "action 3", poll, timeoutMs: 5_000 }).catch(
      (e: unknown) => e,
    );
    await vi.advanceTimersByTimeAsync(5_000);
    const error = await outcome;
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as Error).message).toBe("cloud66: action 3 did not finish within 5000 ms");
    expect(pollSignal?.aborted).toBe(true);
    expect(pollSignal?.reason).toBe(error);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(poll).toHaveBeenCalledTimes(1);
  });

  it("gives up after one poll when minDelayMs leaves no time for a second", async () => {
    const { outcome, poll } = await pollSchedule(
      Number.POSITIVE_INFINITY,
      { timeoutMs: 1_000, minDelayMs: 2_000 },
      0,
    );
    expect(outcome).toBeInstanceOf(TimeoutError);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(poll).toHaveBeenCalledTimes(1);
  });

  it("leaves no timer behind once it returns", async () => {
    vi.useFakeTimers(FAKE_CLOCK);
    const { poll } = scriptedPoll(1);
    await waitUntil({ provider: "cloud66", description: "x", poll, timeoutMs: 60_000 });
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe("waitUntil: the caller's signal", () => {
  it("rejects with the abort reason while waiting between polls, and never polls again", async () => {
    vi.useFakeTimers(FAKE_CLOCK);
    const { poll } = scriptedPoll(Number.POSITIVE_INFINITY);
    const controller = new AbortController();
    const reason = new Error("shutting down");
    const outcome = waitUntil({
      provider: "cloud66",
      description: "x",
      poll,
      minDelayMs: 60_000,
      maxDelayMs: 60_000,
      signal: controller.signal,
    }).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(poll).toHaveBeenCalledTimes(1);
    controller.abort(reason);
    // Rejected with no timer advanced: the abort itself ends the wait, not the next poll's time.
    expect(await outcome).toBe(reason);
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(poll).toHaveBeenCalledTimes(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("aborts a poll in flight with the caller's reason", async () => {
    const controller = new AbortController();
    const reason = new Error("enough");
    const seen: AbortSignal[] = [];
    const poll = vi.fn(
      (signal: AbortSignal) =>
        new Promise<PollResult<string>>((_resolve, reject) => {
          seen.push(signal);
          signal.addEventListener("abort", () => reject(new Error("the request's own abort error")));
        }),
    );
    const outcome = waitUntil({ provider: "cloud66", description: "x", poll, signal: controller.signal });
    await vi.waitFor(() => expect(poll).toHaveBeenCalledTimes(1));
    controller.abort(reason);
    await expect(outcome).rejects.toBe(reason);
    expect(seen[0]?.reason).toBe(reason);
  });

  it("does not poll at all with an already-aborted signal", async () => {
    const { poll } = scriptedPoll(1);
    const reason = new Error("already");
    await expect(
      waitUntil({ provider: "cloud66", description: "x", poll, signal: AbortSignal.abort(reason) }),
    ).rejects.toBe(reason);
    expect(poll).not.toHaveBeenCalled();
  });
});
