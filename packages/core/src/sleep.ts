/** setTimeout's ceiling: Node fires a longer delay after 1 ms instead, with a `TimeoutOverflowWarning`. */
export const MAX_TIMER_MS: number = 2 ** 31 - 1;

/**
 * Calls `fire` after `ms`, however long that is: a delay past Node's timer ceiling is waited out in
 * steps, never handed to setTimeout whole. Returns the function that cancels it.
 */
export function startTimer(ms: number, fire: () => void): () => void {
  let timer: ReturnType<typeof setTimeout>;
  const until = Date.now() + ms;
  const step = (left: number): void => {
    timer = setTimeout(
      () => {
        const rest = until - Date.now();
        if (left > MAX_TIMER_MS && rest > 0) step(rest);
        else fire();
      },
      Math.max(0, Math.min(left, MAX_TIMER_MS)),
    );
  };
  step(ms);
  return () => clearTimeout(timer);
}

/**
 * Waits `ms`, or rejects with the signal's reason as soon as it is aborted, so a caller who gives up
 * is never kept waiting for a backoff or a poll interval to run out.
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = (): void => {
      cancel();
      reject(signal?.reason);
    };
    const cancel = startTimer(ms, () => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    });
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
