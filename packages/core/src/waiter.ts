import { isAmbiguousFailure } from "./ambiguous-failure.ts";
import { isMs } from "./client-options.ts";
import { OperationFailedError, TimeoutError, type ValidationIssue } from "./errors.ts";
import { sleep, startTimer } from "./sleep.ts";
import type { WaitOptions } from "./types.ts";

/** What one poll found: done, failed for good, or not finished yet. */
export type PollResult<T> =
  | { state: "success"; value: T }
  | { state: "failure"; reason?: string }
  | { state: "retry"; reason?: string };

export interface WaitUntilOptions<T> extends WaitOptions {
  provider: string;
  /** What is being waited for, for error messages: e.g. `"user creation (action 42)"`. */
  description: string;
  /**
   * One look at the operation. `signal` aborts when the caller gives up (with the caller's reason) or
   * when the time limit is reached (with the waiter's `TimeoutError`): pass it to the request.
   */
  poll: (signal: AbortSignal) => Promise<PollResult<T>>;
  signal?: AbortSignal;
  /**
   * The call's deadline (epoch ms, `Date.now()`'s clock), when the wait is part of a call that has one:
   * the wait ends by then too, as by `timeoutMs`.
   */
  deadline?: number;
  /** Source of jitter, in [0, 1). Only tests need to replace it. */
  random?: () => number;
}

const DEFAULT_TIMEOUT_MS = 10 * 60_000;
const DEFAULT_MIN_DELAY_MS = 2_000;
const DEFAULT_MAX_DELAY_MS = 15_000;

/**
 * Polls until the operation succeeds, fails, or runs out of time (smithy's waiter model).
 *
 * Poll delays grow exponentially from `minDelayMs` to `maxDelayMs` with jitter, so that many waiters
 * started together do not poll in lockstep. `timeoutMs` bounds the whole wait, polls included: a poll
 * still running when it expires is aborted, and no poll starts after it. As in smithy, the last poll is
 * moved forward so that it starts at least `minDelayMs` before the time limit, which leaves it time to
 * answer; when even that is too late, the waiter gives up at once instead of sleeping for nothing.
 *
 * A poll whose read got no usable answer (the vendor unreachable, a 5xx once retries ran out, a body cut
 * short, an attempt timed out) is a look that failed, not an operation that did: the operation goes on
 * at the vendor, so the waiter polls again, until the time limit. Ending there would throw away an
 * operation that may have succeeded (a created user, whose password would then be lost).
 *
 * Throws `OperationFailedError`, `TimeoutError`, the signal's abort reason, or what a poll threw
 * otherwise.
 */
export async function waitUntil<T>(options: WaitUntilOptions<T>): Promise<T> {
  const { provider, description, poll, signal } = options;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const minDelayMs = options.minDelayMs ?? DEFAULT_MIN_DELAY_MS;
  const maxDelayMs = Math.max(options.maxDelayMs ?? DEFAULT_MAX_DELAY_MS, minDelayMs);
  const random = options.random ?? Math.random;
  signal?.throwIfAborted();

  let lastState: string | undefined;
  const startedAt = Date.now();
  const deadline = Math.min(startedAt + timeoutMs, options.deadline ?? Number.POSITIVE_INFINITY);
  const expired = (): TimeoutError => {
    const last = lastState ? ` (last state: ${lastState})` : "";
    const within = deadline - startedAt < timeoutMs ? "the call's deadline" : `${timeoutMs} ms`;
    return new TimeoutError(`${provider}: ${description} did not finish within ${within}${last}`, {
      provider,
    });
  };
  const limit = new AbortController();
  const cancelTimer = startTimer(Math.max(0, deadline - Date.now()), () => limit.abort(expired()));
  const pollSignal = signal ? AbortSignal.any([signal, limit.signal]) : limit.signal;
  // Whatever a poll makes of its aborted request, the caller gets the reason of the abort.
  const polled = async (): Promise<PollResult<T>> => {
    try {
      return await poll(pollSignal);
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      if (limit.signal.aborted) throw limit.signal.reason;
      if (isAmbiguousFailure(error))
        return { state: "retry", reason: `a poll failed: ${(error as Error).message}` };
      throw error;
    }
  };
  try {
    for (let attempt = 0; ; attempt++) {
      const result = await polled();
      if (result.state === "success") {
        return result.value;
      }
      if (result.state === "failure") {
        const reason = result.reason ? `: ${result.reason}` : "";
        throw new OperationFailedError(`${provider}: ${description} failed${reason}`, { provider });
      }
      lastState = result.reason;
      const latestStart = deadline - Date.now() - minDelayMs;
      if (latestStart <= 0) {
        throw expired();
      }
      await sleep(Math.min(pollDelay(attempt, minDelayMs, maxDelayMs, random), latestStart), pollSignal);
    }
  } finally {
    cancelTimer();
  }
}

// Between minDelay and an exponentially growing ceiling: never faster than the vendor can bear.
function pollDelay(attempt: number, minDelayMs: number, maxDelayMs: number, random: () => number): number {
  const ceiling = Math.min(maxDelayMs, minDelayMs * 2 ** attempt);
  return minDelayMs + random() * (ceiling - minDelayMs);
}

const WAIT_OPTIONS = "must be an object of wait options (timeoutMs, minDelayMs, maxDelayMs)";

/**
 * Checks wait options a caller passed (`{ wait: { … } }`) before anything is sent: each given value must
 * be a positive number of milliseconds that a timer can hold (2^31 - 1 at most, about 24.8 days). `field` names them in the issues (`"wait"`).
 */
export function checkWaitOptions(options: WaitOptions, field: string): ValidationIssue[] {
  if (typeof options !== "object" || options === null) {
    return [{ path: field, message: WAIT_OPTIONS }];
  }
  const issues: ValidationIssue[] = [];
  for (const key of ["timeoutMs", "minDelayMs", "maxDelayMs"] as const) {
    const value = options[key];
    if (value !== undefined && !isMs(value)) {
      issues.push({ path: `${field}.${key}`, message: "must be a positive number of milliseconds" });
    }
  }
  return issues;
}
