import { OperationFailedError, TimeoutError } from "./errors.ts";
import { sleep } from "./sleep.ts";
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
  poll: () => Promise<PollResult<T>>;
  signal?: AbortSignal;
  /** Source of jitter, in [0, 1). Only tests need to replace it. */
  random?: () => number;
}

const DEFAULT_TIMEOUT_MS = 10 * 60_000;
const DEFAULT_MIN_DELAY_MS = 2_000;
const DEFAULT_MAX_DELAY_MS = 15_000;

/**
 * Polls until the operation succeeds, fails, or runs out of time (smithy's waiter model).
 * Poll delays grow exponentially from `minDelayMs` to `maxDelayMs` with jitter, so many waiters
 * started together do not poll in lockstep; the last poll happens at the deadline itself.
 * Throws `OperationFailedError`, `TimeoutError`, or the signal's abort reason.
 */
export async function waitUntil<T>(options: WaitUntilOptions<T>): Promise<T> {
  const { provider, description, poll, signal } = options;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const minDelayMs = options.minDelayMs ?? DEFAULT_MIN_DELAY_MS;
  const maxDelayMs = Math.max(options.maxDelayMs ?? DEFAULT_MAX_DELAY_MS, minDelayMs);
  const random = options.random ?? Math.random;
  const deadline = Date.now() + timeoutMs;

  for (let attempt = 0; ; attempt++) {
    signal?.throwIfAborted();
    const result = await poll();
    if (result.state === "success") {
      return result.value;
    }
    if (result.state === "failure") {
      const reason = result.reason ? `: ${result.reason}` : "";
      throw new OperationFailedError(`${provider}: ${description} failed${reason}`, { provider });
    }
    const remaining = deadline - Date.now();
    if (remaining <= 0) {
      const last = result.reason ? ` (last state: ${result.reason})` : "";
      throw new TimeoutError(`${provider}: ${description} did not finish within ${timeoutMs} ms${last}`, {
        provider,
      });
    }
    await sleep(Math.min(pollDelay(attempt, minDelayMs, maxDelayMs, random), remaining), signal);
  }
}

// Between minDelay and an exponentially growing ceiling: never faster than the vendor can bear.
function pollDelay(attempt: number, minDelayMs: number, maxDelayMs: number, random: () => number): number {
  const ceiling = Math.min(maxDelayMs, minDelayMs * 2 ** attempt);
  return minDelayMs + random() * (ceiling - minDelayMs);
}
