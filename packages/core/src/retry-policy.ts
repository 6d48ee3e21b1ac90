import { backoffDelay } from "./backoff.ts";
import { isPermanent, isThrottled } from "./error-from-response.ts";
import { TimeoutError } from "./errors.ts";
import { retryAfterMs } from "./retry-after.ts";
import type { RetryContext } from "./retry-context.ts";
import { provenNotSent } from "./transport/call-metadata.ts";
import type { VendorDescriptor } from "./vendor.ts";

export interface RetryOptions {
  /** Re-sends after the first attempt. Default 2. */
  maxRetries?: number;
  /** Backoff window before the first retry; doubles each time. Default 500 ms. */
  baseDelayMs?: number;
  /** Upper bound of the backoff window. Default 8 000 ms. */
  maxDelayMs?: number;
  /**
   * Longest server-requested wait (`retry-after` and friends) that is waited out silently. A longer one
   * is not retried: the answer is handed back (as `RateLimitError.retryAfterMs`) so the caller decides.
   * Default 60 000 ms.
   */
  maxRetryAfterMs?: number;
  /** Overrides the built-in verdict. The retry budget and a caller's abort still apply. */
  shouldRetry?: (context: RetryContext) => boolean | Promise<boolean>;
}

/** `RetryOptions` with every default filled in. */
export interface RetryPolicy {
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  maxRetryAfterMs: number;
  shouldRetry?: (context: RetryContext) => boolean | Promise<boolean>;
}

export interface RetryDecisionInput {
  attempt: number;
  method: string;
  /** Overrides what the method says of repeating the request (see `CallInit.idempotent`). */
  idempotent?: boolean | undefined;
  url: string;
  response?: Response;
  /** The parsed error body of `response`, for the vendor's throttling test. */
  body?: unknown;
  error?: unknown;
  policy: RetryPolicy;
  vendor: VendorDescriptor;
  random?: () => number;
  now?: number;
}

// Methods whose repetition cannot create a second resource or undo a later change.
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS", "PUT", "DELETE"]);
// Answers that say "not now" rather than "not this": worth asking again.
const TRANSIENT_STATUSES = new Set([408, 429, 500, 502, 503, 504]);

export function resolveRetryPolicy(options: RetryOptions | false | undefined): RetryPolicy {
  const given = options === false ? { maxRetries: 0 } : (options ?? {});
  const policy: RetryPolicy = {
    maxRetries: given.maxRetries ?? 2,
    baseDelayMs: given.baseDelayMs ?? 500,
    maxDelayMs: given.maxDelayMs ?? 8_000,
    maxRetryAfterMs: given.maxRetryAfterMs ?? 60_000,
  };
  if (given.shouldRetry) policy.shouldRetry = given.shouldRetry;
  return policy;
}

/** Milliseconds to wait before re-sending, or `undefined` when the attempt must not be repeated. */
export async function retryDelay(input: RetryDecisionInput): Promise<number | undefined> {
  const { attempt, method, url, response, error, policy, vendor } = input;
  if (attempt >= policy.maxRetries || response?.ok) {
    return undefined;
  }
  const throttled =
    response !== undefined && (response.status === 429 || isThrottled(vendor, response, input.body));
  const notSent = response === undefined && provenNotSent(error);
  const facts = { attempt, method, url, response, error, throttled, notSent };
  let retryable = isRetryable(input, facts);
  if (vendor.retryable) {
    retryable = vendor.retryable({ ...facts, retryable });
  }
  if (policy.shouldRetry) {
    retryable = await policy.shouldRetry({ ...facts, retryable });
  }
  if (!retryable) {
    return undefined;
  }
  const hint = response ? retryAfterMs(response, input.now) : undefined;
  if (hint !== undefined) {
    return hint <= policy.maxRetryAfterMs ? hint : undefined;
  }
  return backoffDelay(attempt, policy.baseDelayMs, policy.maxDelayMs, input.random);
}

/**
 * The built-in rules. A non-idempotent request (POST, PATCH) is repeated only when the answer proves
 * the server did nothing: a throttling answer. A 500 or a lost connection may hide a user that was
 * created anyway, which the adapter reconciles by looking it up instead.
 */
function isRetryable(
  { method, idempotent, response, body, error, vendor }: RetryDecisionInput,
  { throttled, notSent }: Pick<RetryContext, "throttled" | "notSent">,
): boolean {
  const safe = idempotent ?? SAFE_METHODS.has(method.toUpperCase());
  if (response && isPermanent(vendor, response, body)) return false;
  if (!response) {
    // A request that never left this machine can be sent again whatever it does.
    return notSent || (safe && (isConnectionError(error) || error instanceof TimeoutError));
  }
  return throttled || (safe && TRANSIENT_STATUSES.has(response.status));
}

/** fetch rejects with a `TypeError` when the request never got an HTTP answer (DNS, refused, reset). */
export function isConnectionError(error: unknown): error is TypeError {
  return error instanceof TypeError;
}
