import { rateLimitWindow } from "../retry-after.ts";
import { sleep, startTimer } from "../sleep.ts";
import { appendRecent } from "./recent.ts";
import { LEARNING_HISTORY, WindowLearner } from "./window-learner.ts";

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
 * `acquire` would hold the request past the call's deadline: for `waitMs` more (a window that reopens
 * too late), or, with `waitMs` undefined, because no place among the requests in flight freed in time.
 */
export class WaitPastDeadline extends Error {
  override name = "WaitPastDeadline";
  readonly waitMs: number | undefined;
  constructor(waitMs: number | undefined) {
    super(
      waitMs === undefined
        ? "no turn among the requests in flight before the deadline"
        : `the rate limit reopens in ${waitMs} ms, after the deadline`,
    );
    this.waitMs = waitMs;
  }
}

/**
 * Spaces a client's requests before the vendor has to answer 429 (octokit's plugin-throttling is the
 * model): at most `maxConcurrency` in flight, never more in a documented window than it allows, and
 * none once the vendor's own rate-limit headers say the window is used up, until it reopens. A vendor
 * that documents no window but names its limit when it refuses (HostUp) has that window learned from
 * the refusal (window-learner.ts) and kept to from then on. The retry policy still handles the 429s
 * that get through (another client sharing the token, say).
 *
 * The vendor counts a request when it arrives, some time between our start and our answer, and how
 * long it travels varies: a window counted from starts lets a request whose predecessor travelled
 * longer arrive inside that predecessor's window (2–6 % of the requests under load). So a request
 * holds its place in a window from its start until `windowMs` after its answer, which its arrival
 * cannot follow; the price is one round trip per window. A request given up on (an abort, a timeout)
 * is counted out when it ends, and can still reach the vendor later: that is left to the retry policy.
 */
export class RequestThrottle {
  readonly #windows: readonly RateWindow[];
  readonly #maxConcurrency: number;
  readonly #clock: ThrottleClock;
  readonly #waiting: Array<() => void> = [];
  /** Answer times, oldest first: at least as many as the largest window holds (and `LEARNING_HISTORY`). */
  readonly #answered: number[] = [];
  readonly #learner = new WindowLearner();
  /** Requests started and not answered yet: each holds a place in every window. */
  #unanswered = 0;
  #inFlight = 0;
  /** What the vendor last said is left, and until when that holds. */
  #budget: { remaining: number; until: number } | undefined;
  /** A window a refusal revealed, when none was documented with its limit; learned again on the next. */
  #learned: RateWindow | undefined;

  /** How many answer times the windows need, a window yet to be learned included. */
  readonly #keep: number;

  constructor(windows: readonly RateWindow[], maxConcurrency: number, clock: ThrottleClock = systemClock) {
    this.#windows = windows;
    this.#keep = Math.max(LEARNING_HISTORY, ...windows.map((window) => window.limit));
    this.#maxConcurrency = Math.max(1, maxConcurrency);
    this.#clock = clock;
  }

  /** The windows kept to: the documented ones, and the one a refusal revealed if any. */
  get windows(): readonly RateWindow[] {
    return this.#learned ? [...this.#windows, this.#learned] : this.#windows;
  }

  /**
   * Starts a request at once when nothing holds it back, without waiting a turn of the event loop: the
   * common case. Returns `undefined` when the caller must `acquire()` instead.
   */
  tryAcquire(): (() => void) | undefined {
    // The clock is read once per step of a request: this runs for every one.
    const now = this.#clock.now();
    if (this.#inFlight >= this.#maxConcurrency || this.#delay(now) > 0) return undefined;
    this.#takeFreeSlot(now);
    this.#recordStart(now);
    return this.#releaser();
  }

  /**
   * Waits until a request may start; call the returned function once it has its answer. A wait that
   * would end after `deadline` (the throttle clock's time) is not begun: it rejects at once with
   * `WaitPastDeadline`, as does a wait for a turn that the deadline overtakes.
   */
  async acquire(signal?: AbortSignal, deadline: number = Number.POSITIVE_INFINITY): Promise<() => void> {
    await this.#takeSlot(signal, deadline);
    try {
      for (let now = this.#clock.now(), delay = this.#delay(now); delay > 0; ) {
        if (now + delay > deadline) throw new WaitPastDeadline(delay);
        await this.#clock.sleep(delay, signal);
        now = this.#clock.now();
        delay = this.#delay(now);
      }
    } catch (error) {
      this.#releaseSlot(this.#clock.now());
      throw error;
    }
    this.#recordStart(this.#clock.now());
    return this.#releaser();
  }

  #releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const now = this.#clock.now();
      this.#recordAnswer(now);
      this.#releaseSlot(now);
    };
  }

  /** Learns the vendor's window from an answer's rate-limit headers (any status), before its release. */
  observe(headers: Headers): void {
    const now = this.#clock.now();
    const window = rateLimitWindow(headers, now);
    if (!window) return;
    // A refusal while the window is already known to be spent came to a request that was under way
    // then: it says nothing new about the window.
    const known = this.#budget !== undefined && this.#budget.remaining <= 0 && now < this.#budget.until;
    if (window.remaining === 0 && window.limit !== undefined && !known) {
      this.#learnFrom(window.limit, now + window.resetInMs, now);
    }
    // Called before this answer's release: it counted its own request; the others still out will count too.
    const remaining = window.remaining - Math.max(0, this.#unanswered - 1);
    this.#budget = { remaining, until: now + window.resetInMs };
  }

  /** A refusal that names its window's limit: learned, unless a documented window has that limit. */
  #learnFrom(limit: number, reopensAt: number, now: number): void {
    if (this.#windows.some((documented) => documented.limit === limit)) return;
    this.#learned = this.#learner.learn(limit, reopensAt, now, this.#unanswered) ?? this.#learned;
  }

  #delay(now: number): number {
    let delay = 0;
    if (this.#budget && now >= this.#budget.until) this.#budget = undefined;
    if (this.#budget && this.#budget.remaining <= 0) delay = this.#budget.until - now;
    const answered = this.#answered;
    const windows = this.windows;
    // An index, not for…of: this runs before every request, and the iterator would be made each time.
    for (let i = 0; i < windows.length; i++) {
      const { limit, windowMs } = windows[i] as RateWindow;
      const places = limit - this.#unanswered;
      if (places <= 0) {
        // Full of requests still out: none can free its place sooner than `windowMs` from now.
        delay = Math.max(delay, windowMs);
        continue;
      }
      // The answer `places` back from the newest: while it is inside the window, the window is full.
      const blocking = answered[answered.length - places];
      if (blocking !== undefined && blocking > now - windowMs) {
        delay = Math.max(delay, blocking + windowMs - now);
      }
    }
    return delay;
  }

  #recordStart(now: number): void {
    if (this.#budget) this.#budget.remaining -= 1;
    this.#unanswered += 1;
    this.#learner.started(now);
  }

  #recordAnswer(now: number): void {
    this.#unanswered -= 1;
    // Answers come in time order, so the list stays sorted; only the newest `limit` of each window count.
    appendRecent(this.#answered, now, this.#keep);
  }

  #takeSlot(signal: AbortSignal | undefined, deadline: number): Promise<void> {
    signal?.throwIfAborted();
    if (this.#inFlight < this.#maxConcurrency) {
      this.#takeFreeSlot(this.#clock.now());
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      let cancelTimer: (() => void) | undefined;
      const start = () => {
        signal?.removeEventListener("abort", onAbort);
        cancelTimer?.();
        this.#inFlight += 1;
        resolve();
      };
      const giveUp = (reason: unknown) => {
        signal?.removeEventListener("abort", onAbort);
        cancelTimer?.();
        this.#waiting.splice(this.#waiting.indexOf(start), 1);
        reject(reason);
      };
      const onAbort = () => giveUp(signal?.reason);
      this.#waiting.push(start);
      signal?.addEventListener("abort", onAbort, { once: true });
      if (Number.isFinite(deadline)) {
        cancelTimer = startTimer(Math.max(0, deadline - this.#clock.now()), () =>
          giveUp(new WaitPastDeadline(undefined)),
        );
      }
    });
  }

  #takeFreeSlot(now: number): void {
    if (this.#inFlight === 0) this.#learner.busy(now);
    this.#inFlight += 1;
  }

  #releaseSlot(now: number): void {
    this.#inFlight -= 1;
    // A slot is held from the wait for a request's turn to its answer: none held, the client is idle.
    if (this.#inFlight === 0 && this.#waiting.length === 0) this.#learner.idle(now);
    this.#waiting.shift()?.();
  }
}
