// How long a server asked us to wait, from whichever of the usual headers it sent.
//
// Vendors disagree on the format: DigitalOcean sends `ratelimit-reset` as unix epoch seconds, HostUp
// sends `x-ratelimit-reset` as an ISO-8601 timestamp, the IETF draft uses delta-seconds, and
// `retry-after` is either delta-seconds or an HTTP-date. Anything unparseable counts as "no hint",
// so the caller falls back to its own backoff instead of trusting garbage.

const NON_NEGATIVE_NUMBER = /^\d+(?:\.\d+)?$/;
// IMF-fixdate, the only HTTP-date form servers still send: "Wed, 21 Oct 2015 07:28:00 GMT".
const HTTP_DATE = /^[A-Za-z]{3}, \d{2} [A-Za-z]{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/;
const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/;
/**
 * The longest a vendor's rate-limit window runs (DigitalOcean's and Cloud 66's hourly quotas): a reset
 * header announcing a later reopening holds the throttle this long at most.
 */
export const MAX_RATE_WINDOW_MS = 3_600_000;
/**
 * A server-requested wait longer than a day is no hint but garbage (or an attack: a reset in the year
 * 3000 would hold every later call): it counts as absent, as an unparseable one does.
 */
export const MAX_PLAUSIBLE_WAIT_MS = 86_400_000;

// Below this a numeric reset is delta-seconds, above it a unix timestamp (1e9 s is the year 2001).
const EPOCH_SECONDS_THRESHOLD = 1e9;

/**
 * Milliseconds to wait before the next attempt, or `undefined` when the response gives no usable hint
 * (none, unparseable, or longer than `MAX_PLAUSIBLE_WAIT_MS`).
 */
export function retryAfterMs(response: Response, now: number = Date.now()): number | undefined {
  const headers = response.headers;
  return (
    plausible(parseMilliseconds(headers.get("retry-after-ms"))) ??
    plausible(parseRetryAfter(headers.get("retry-after"), now)) ??
    exhaustedWindowMs(headers, now)
  );
}

/** What the rate-limit headers say of the current window, when they say it in a form we can read. */
export interface RateLimitWindow {
  /** Requests left in the window, as the vendor counts them after this one. */
  remaining: number;
  /** Milliseconds until the window reopens, `MAX_RATE_WINDOW_MS` at most. */
  resetInMs: number;
  /** Requests the window allows (`…-limit`), when the vendor says. */
  limit?: number;
}

const RATE_LIMIT_HEADERS = ["ratelimit-", "x-ratelimit-"].map((prefix) => ({
  remaining: `${prefix}remaining`,
  reset: `${prefix}reset`,
  limit: `${prefix}limit`,
}));

/**
 * The vendor's window from `ratelimit-remaining` / `ratelimit-reset` (DigitalOcean, the IETF draft) or
 * their `x-` forms (HostUp), the first pair that parses. The proactive throttle spaces requests by it.
 * A reset beyond `MAX_PLAUSIBLE_WAIT_MS` counts as absent, one beyond `MAX_RATE_WINDOW_MS` as that.
 */
export function rateLimitWindow(headers: Headers, now: number = Date.now()): RateLimitWindow | undefined {
  for (const names of RATE_LIMIT_HEADERS) {
    // Read on every answer, most of which carry none of these: a missing `…-remaining` ends the look.
    const remaining = parseCount(headers.get(names.remaining));
    if (remaining === undefined) continue;
    const resetInMs = plausible(parseReset(headers.get(names.reset), now));
    if (resetInMs === undefined) continue;
    const limit = parseCount(headers.get(names.limit));
    return {
      remaining,
      resetInMs: Math.min(resetInMs, MAX_RATE_WINDOW_MS),
      ...(limit !== undefined && { limit }),
    };
  }
  return undefined;
}

// A reset time only says when the window reopens; it is a reason to wait only once nothing is left.
function exhaustedWindowMs(headers: Headers, now: number): number | undefined {
  const window = rateLimitWindow(headers, now);
  return window?.remaining === 0 ? window.resetInMs : undefined;
}

function plausible(ms: number | undefined): number | undefined {
  return ms !== undefined && ms <= MAX_PLAUSIBLE_WAIT_MS ? ms : undefined;
}

/** A whole number of requests; a count past 2^53 (or garbage) is no count. */
function parseCount(value: string | null): number | undefined {
  const trimmed = value?.trim();
  if (!trimmed || !NON_NEGATIVE_NUMBER.test(trimmed)) return undefined;
  const count = Math.floor(Number(trimmed));
  return Number.isSafeInteger(count) ? count : undefined;
}

function parseMilliseconds(value: string | null): number | undefined {
  const trimmed = value?.trim();
  return trimmed && NON_NEGATIVE_NUMBER.test(trimmed) ? Number(trimmed) : undefined;
}

function parseRetryAfter(value: string | null, now: number): number | undefined {
  const trimmed = value?.trim();
  if (!trimmed) {
    return undefined;
  }
  if (NON_NEGATIVE_NUMBER.test(trimmed)) {
    return Number(trimmed) * 1000;
  }
  return HTTP_DATE.test(trimmed) ? untilDate(Date.parse(trimmed), now) : undefined;
}

// Unix seconds (DigitalOcean), delta-seconds (the IETF draft) or an ISO-8601 time (HostUp).
function parseReset(value: string | null, now: number): number | undefined {
  const trimmed = value?.trim();
  if (!trimmed) {
    return undefined;
  }
  if (NON_NEGATIVE_NUMBER.test(trimmed)) {
    const seconds = Number(trimmed);
    return seconds >= EPOCH_SECONDS_THRESHOLD ? untilDate(seconds * 1000, now) : seconds * 1000;
  }
  return ISO_8601.test(trimmed) ? untilDate(Date.parse(trimmed), now) : undefined;
}

function untilDate(timestamp: number, now: number): number | undefined {
  return Number.isNaN(timestamp) ? undefined : Math.max(0, timestamp - now);
}
