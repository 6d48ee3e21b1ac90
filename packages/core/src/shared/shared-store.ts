import { redactText } from "../redact.ts";
import type { Logger } from "../types.ts";

/**
 * What a shared store (the quota or lock of several processes, e.g. on Redis) rejects with when it cannot
 * answer: the client then goes on alone, with its local throttle and lock, until the store answers again.
 */
export class SharedStoreUnavailableError extends Error {
  override name = "SharedStoreUnavailableError";
}

/** While a store is down, how often one call asks it again (the others go on locally meanwhile). */
const PROBE_INTERVAL_MS = 1_000;

/**
 * Whether a shared store is answering, for every client of this process that uses it: one warning when
 * it stops, one line when it answers again, and only one call per second asking it in between, so that
 * an outage costs each call nothing but the local throttle and lock.
 */
export class SharedStoreHealth {
  readonly #now: () => number;
  /** When the store last failed to answer, while it is down; undefined while it answers. */
  #downSince: number | undefined;
  #lastAsked = 0;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  get down(): boolean {
    return this.#downSince !== undefined;
  }

  /** Whether this call should ask the store: always while it answers; once per interval while down. */
  shouldAsk(): boolean {
    if (this.#downSince === undefined) return true;
    const now = this.#now();
    if (now - this.#lastAsked < PROBE_INTERVAL_MS) return false;
    this.#lastAsked = now;
    return true;
  }

  failed(error: unknown, logger: Logger | undefined, what: string): void {
    if (this.#downSince !== undefined) return;
    this.#downSince = this.#lastAsked = this.#now();
    const reason = redactText(error instanceof Error ? error.message : String(error));
    logger?.warn?.(`dbusers: the shared store does not answer (${reason}): ${what} locally until it does`, {
      sharedStore: "down",
    });
  }

  answered(logger: Logger | undefined): void {
    if (this.#downSince === undefined) return;
    const downMs = this.#now() - this.#downSince;
    this.#downSince = undefined;
    logger?.info?.(
      `dbusers: the shared store answers again after ${downMs} ms: shared quota and locks again`,
      {
        sharedStore: "up",
        downMs,
      },
    );
  }
}

// One health per store (a Redis connection), shared by its quota and its locks: one outage, one warning.
const healthOfStore = new WeakMap<object, SharedStoreHealth>();

/** The health of `store` (what a shared quota or lock names as its store), made on first use. */
export function sharedStoreHealth(store: object): SharedStoreHealth {
  let health = healthOfStore.get(store);
  if (!health) {
    health = new SharedStoreHealth();
    healthOfStore.set(store, health);
  }
  return health;
}
