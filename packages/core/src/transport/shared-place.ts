import type { SharedQuota } from "../shared/shared-quota.ts";
import { sharedStoreHealth } from "../shared/shared-store.ts";
import { sleep, startTimer } from "../sleep.ts";
import type { Logger } from "../types.ts";
import { type RateWindow, WaitPastDeadline } from "./throttle.ts";

/** How long a shared store may take to answer before the client counts it down and goes on alone. */
export const DEFAULT_STORE_TIMEOUT_MS = 1_000;

export interface SharedPlaceRequest {
  quota: SharedQuota;
  /** The vendor account (account-key.ts). */
  key: string;
  /** The windows the local throttle keeps to (documented, or learned from a refusal). */
  windows: readonly RateWindow[];
  /** The most the request may stay unanswered (its attempt's timeout). */
  holdMs: number;
  signal: AbortSignal | undefined;
  /** The call's deadline, `Date.now()`'s clock. */
  deadline: number;
  logger: Logger | undefined;
  /** How long the store may take to answer (`sharedQuota.timeoutMs`). */
  timeoutMs: number;
}

/**
 * Waits for a place in the shared quota of the request's vendor account; returns its release, or
 * `undefined` when the request goes on with the local throttle alone: no window to count, or the store
 * down (one warning; asked again once a second until it answers). A place that frees only after the
 * deadline rejects at once with `WaitPastDeadline`, as the local throttle does.
 */
export async function takeSharedPlace(request: SharedPlaceRequest): Promise<(() => void) | undefined> {
  const { quota, key, windows, holdMs, signal, deadline, logger, timeoutMs } = request;
  if (windows.length === 0) return undefined;
  const health = sharedStoreHealth(quota.store);
  if (!health.shouldAsk()) return undefined;
  for (;;) {
    const left = deadline - Date.now();
    const limit = Math.min(timeoutMs, left);
    let answer: Awaited<ReturnType<SharedQuota["take"]>>;
    try {
      answer = await withinMs(quota.take(key, windows, holdMs), limit, signal);
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      // Out of time because the deadline is near, not because the store is slow: the call's timeout.
      if (error instanceof StoreTimeout && limit < timeoutMs) throw new WaitPastDeadline(undefined);
      health.failed(error, logger, "throttling");
      return undefined;
    }
    health.answered(logger);
    if (answer.granted) return answer.release;
    if (Date.now() + answer.retryInMs > deadline) throw new WaitPastDeadline(answer.retryInMs);
    await sleep(answer.retryInMs, signal);
  }
}

class StoreTimeout extends Error {
  override name = "StoreTimeout";
}

/** `promise`, unless `ms` pass first (`StoreTimeout`) or the signal aborts (its reason). */
function withinMs<T>(promise: Promise<T>, ms: number, signal: AbortSignal | undefined): Promise<T> {
  return new Promise((resolve, reject) => {
    const done = (settle: () => void) => {
      cancel();
      signal?.removeEventListener("abort", onAbort);
      settle();
    };
    const onAbort = () => done(() => reject(signal?.reason));
    // An answer that came while the event loop was busy is read before the timer counts as fired: in a
    // turn of the loop timers run before sockets are read, so the timeout waits one more turn.
    const cancel = startTimer(Math.max(0, ms), () =>
      setTimeout(() => done(() => reject(new StoreTimeout(`no answer within ${Math.round(ms)} ms`))), 0),
    );
    signal?.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (value) => done(() => resolve(value)),
      (error: unknown) => done(() => reject(error)),
    );
  });
}
