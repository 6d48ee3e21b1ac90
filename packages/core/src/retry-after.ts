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
// Below this a numeric reset is delta-seconds, above it a unix timestamp (1e9 s is the year 2001).
const EPOCH_SECONDS_THRESHOLD = 1e9;

/** Milliseconds to wait before the next attempt, or `undefined` when the response gives no usable hint. */
export function retryAfterMs(response: Response, now: number = Date.now()): number | undefined {
  const headers = response.headers;
  return (
    parseMilliseconds(headers.get("retry-after-ms")) ??
    parseRetryAfter(headers.get("retry-after"), now) ??
    parseRateLimitReset(headers.get("ratelimit-remaining"), headers.get("ratelimit-reset"), now) ??
    parseRateLimitReset(headers.get("x-ratelimit-remaining"), headers.get("x-ratelimit-reset"), now)
  );
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

// A reset time only says when the window reopens; it is a reason to wait only once nothing is left.
function parseRateLimitReset(
  remaining: string | null,
  reset: string | null,
  now: number,
): number | undefined {
  const trimmedReset = reset?.trim();
  if (remaining?.trim() !== "0" || !trimmedReset) {
    return undefined;
  }
  if (NON_NEGATIVE_NUMBER.test(trimmedReset)) {
    const seconds = Number(trimmedReset);
    return seconds >= EPOCH_SECONDS_THRESHOLD ? untilDate(seconds * 1000, now) : seconds * 1000;
  }
  return ISO_8601.test(trimmedReset) ? untilDate(Date.parse(trimmedReset), now) : undefined;
}

function untilDate(timestamp: number, now: number): number | undefined {
  return Number.isNaN(timestamp) ? undefined : Math.max(0, timestamp - now);
}
