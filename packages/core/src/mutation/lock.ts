/**
 * Mutual exclusion per key (a user's name): what lets a create claim a user it found after losing its
 * answer, since no other mutation of that name through the same lock ran meanwhile. In process by
 * default; a distributed lock (Redis) implements the same interface to cover several processes.
 */
export interface NameLock {
  /**
   * Runs `task` once every earlier holder of `key` is done, holding `key` until it settles. Waiting ends
   * with the signal's reason when it aborts first; the task does not run then.
   */
  run<T>(key: string, task: () => Promise<T>, signal?: AbortSignal): Promise<T>;
  /**
   * A lock shared by several processes names its store (its connection), and rejects with
   * `SharedStoreUnavailableError` when the store cannot answer before the task started: a client's
   * mutations then hold a local lock instead (`lockWithLocalFallback`).
   */
  readonly store?: object;
}

/** A `NameLock` for one process: holders of a key queue in the order they asked. */
export function createLocalNameLock(): NameLock {
  // The last holder's turn, per key: resolved once it is done. Deleted when nobody waits behind it.
  const tails = new Map<string, Promise<void>>();
  return {
    async run(key, task, signal) {
      signal?.throwIfAborted();
      const previous = tails.get(key) ?? Promise.resolve();
      let release = (): void => {};
      const done = new Promise<void>((resolve) => {
        release = resolve;
      });
      // The next holder waits for this one even if this one gives up waiting: order is kept.
      const tail = previous.then(() => done);
      tails.set(key, tail);
      try {
        await untilAborted(previous, signal);
        return await task();
      } finally {
        release();
        if (tails.get(key) === tail) tails.delete(key);
      }
    },
  };
}

function untilAborted(turn: Promise<void>, signal: AbortSignal | undefined): Promise<void> {
  if (!signal) return turn;
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    turn.then(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, reject);
  });
}
