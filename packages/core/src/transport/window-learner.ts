// A vendor that publishes no rate limit can still name it when it refuses: HostUp's 429 carries
// `X-RateLimit-Limit` and `X-RateLimit-Reset`. Without more, a client waits for the reset and then lets
// every held request go at once, into the next refusals. With the client's own recent starts, the
// refusal tells the window itself, which the throttle then keeps to like a documented one.
import { MAX_RATE_WINDOW_MS } from "../retry-after.ts";
import { appendRecent } from "./recent.ts";

/** Starts kept: a limit of up to this many requests can be learned. */
export const LEARNING_HISTORY = 1_000;

/** A client's recent starts and how busy it was, to read a refusal by. Times are the throttle's clock. */
export class WindowLearner {
  /**
   * At least the latest `LEARNING_HISTORY` starts, oldest first: when, and the busy time by then. Two
   * lists kept in step (appended together, trimmed at the same lengths), not a list of pairs: a start is
   * recorded for every request, and a pair would be an object each time.
   */
  readonly #startedAt: number[] = [];
  readonly #busyMsAtStart: number[] = [];
  /** Time the client was busy (requests out or waiting for their turn), up to `#busySince`. */
  #busyMs = 0;
  /** Since when the client has been busy; `undefined` while idle. */
  #busySince: number | undefined;

  /** The client has a request out or waiting for its turn, where it had none. */
  busy(now: number): void {
    this.#busySince ??= now;
  }

  /** The client has no request out or waiting any more. */
  idle(now: number): void {
    if (this.#busySince === undefined) return;
    this.#busyMs += now - this.#busySince;
    this.#busySince = undefined;
  }

  /** A request was sent. */
  started(now: number): void {
    appendRecent(this.#startedAt, now, LEARNING_HISTORY);
    appendRecent(this.#busyMsAtStart, this.#busyAt(now), LEARNING_HISTORY);
  }

  /**
   * The window a refusal reveals: `limit` requests, reopening at `reopensAt`, `unanswered` of ours still
   * out (the refused one included). The oldest request the vendor still counts is then the `limit`-th
   * latest of ours it answered, and the window runs from that request's start (before its arrival, so
   * the estimate errs long) to the reopening. `undefined` when our requests cannot tell.
   */
  learn(
    limit: number,
    reopensAt: number,
    now: number,
    unanswered: number,
  ): { limit: number; windowMs: number } | undefined {
    if (limit <= 0) return undefined;
    // The requests still out are the latest starts; the vendor has not counted them.
    const index = this.#startedAt.length - unanswered - limit;
    const oldestAt = this.#startedAt[index];
    const oldestBusyMs = this.#busyMsAtStart[index];
    // Fewer requests than the limit: another client spends the same quota, and ours say nothing of it.
    if (oldestAt === undefined || oldestBusyMs === undefined) return undefined;
    // Requests sent now and then, while another client (a replica with the same token) spent the quota,
    // would make the window as long as they are sparse, hours maybe, and hold requests that long. So
    // only a client that had requests out or waiting for at least half the time since learns: at worst
    // it takes its share of a quota spent by several for the whole of it.
    if (this.#busyAt(now) - oldestBusyMs < (now - oldestAt) / 2) return undefined;
    // No window runs longer than the longest a vendor documents, whatever the client's history says.
    return { limit, windowMs: Math.min(reopensAt - oldestAt, MAX_RATE_WINDOW_MS) };
  }

  #busyAt(now: number): number {
    return this.#busyMs + (this.#busySince === undefined ? 0 : now - this.#busySince);
  }
}
