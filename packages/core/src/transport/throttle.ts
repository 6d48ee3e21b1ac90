import { rateLimitWindow } from "../retry-after.ts";
import { sleep } from "../sleep.ts";

/** A documented limit: at most `limit` requests in any `windowMs`. */
export interface RateWindow {
  limit: number;
  windowMs: number;
}

/** Tunes the proactive throttle; `throttle: false` in the client options turns it off. */
export interface ThrottleOptions {
  /** Requests in flight at once, per client. Default 10. */
  maxConcurrency?: number;
  /** Replaces the vendor's documented limits (e.g. a plan with a higher quota). */
  windows?: readonly RateWindow[];
}

export interface ThrottleClock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

const systemClock: ThrottleClock = { now: () => Date.now(), sleep };

/**
 * Spaces a client's requests before the vendor has to answer 429 (octokit's plugin-throttling is the
 * model): at most `maxConcurrency` in flight, never more starts than a documented window allows, and
 * none once the vendor's own rate-limit headers say the window is used up, until it reopens. The
 * retry policy still handles the 429s that get through (another client sharing the token, say).
 */
export class RequestThrottle {
  readonly #windows: readonly RateWindow[];
  readonly #maxConcurrency: number;
  readonly #clock: ThrottleClock;
  readonly #waiting: Array<() => void> = [];
  /** Start times, oldest first, as far back as the longest window. */
  readonly #starts: number[] = [];
  #inFlight = 0;
  /** What the vendor last said is left, and until when that holds. */
  #budget: { remaining: number; until: number } | undefined;

  /** How many start times the windows need. */
  readonly #keep: number;

  constructor(windows: readonly RateWindow[], maxConcurrency: number, clock: ThrottleClock = systemClock) {
    this.#windows = windows;
    this.#keep = Math.max(0, ...windows.map((window) => window.limit));
    this.#maxConcurrency = Math.max(1, maxConcurrency);
    this.#clock = clock;
  }

  /**
   * Starts a request at once when nothing holds it back, without waiting a turn of the event loop: the
   * common case. Returns `undefined` when the caller must `acquire()` instead.
   */
  tryAcquire(): (() => void) | undefined {
    if (this.#inFlight >= this.#maxConcurrency || this.#delay() > 0) return undefined;
    this.#inFlight += 1;
    this.#recordStart();
    return this.#releaser();
  }

  /** Waits until a request may start; call the returned function once it has its answer. */
  async acquire(signal?: AbortSignal): Promise<() => void> {
    await this.#takeSlot(signal);
    try {
      for (let delay = this.#delay(); delay > 0; delay = this.#delay()) {
        await this.#clock.sleep(delay, signal);
      }
    } catch (error) {
      this.#releaseSlot();
      throw error;
    }
    this.#recordStart();
    return this.#releaser();
  }

  #releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#releaseSlot();
    };
  }

  /** Learns the vendor's window from an answer's rate-limit headers (any status). */
  observe(headers: Headers): void {
    const now = this.#clock.now();
    const window = rateLimitWindow(headers, now);
    if (!window) return;
    // The answer counted its own request; the others still in flight will count too.
    const remaining = window.remaining - Math.max(0, this.#inFlight - 1);
    this.#budget = { remaining, until: now + window.resetInMs };
  }

  #delay(): number {
    const now = this.#clock.now();
    let delay = 0;
    if (this.#budget && now >= this.#budget.until) this.#budget = undefined;
    if (this.#budget && this.#budget.remaining <= 0) delay = this.#budget.until - now;
    const starts = this.#starts;
    for (const { limit, windowMs } of this.#windows) {
      // The start `limit` places back from the newest: while it is inside the window, the window is full.
      const blocking = starts[starts.length - limit];
      if (blocking !== undefined && blocking > now - windowMs) {
        delay = Math.max(delay, blocking + windowMs - now);
      }
    }
    return delay;
  }

  #recordStart(): void {
    if (this.#budget) this.#budget.remaining -= 1;
    if (this.#windows.length === 0) return;
    const now = this.#clock.now();
    this.#starts.push(now);
    // Only the most recent `limit` starts of each window can hold a request back.
    while (this.#starts.length > this.#keep) this.#starts.shift();
  }

  #takeSlot(signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    if (this.#inFlight < this.#maxConcurrency) {
      this.#inFlight += 1;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const start = () => {
        signal?.removeEventListener("abort", onAbort);
        this.#inFlight += 1;
        resolve();
      };
      const onAbort = () => {
        this.#waiting.splice(this.#waiting.indexOf(start), 1);
        reject(signal?.reason);
      };
      this.#waiting.push(start);
      signal?.addEventListener("abort", onAbort, { once: true });
    });
  }

  #releaseSlot(): void {
    this.#inFlight -= 1;
    this.#waiting.shift()?.();
  }
}
