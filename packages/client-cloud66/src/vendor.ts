import type { RateWindow, RetryContext } from "@dbusers/core";
import { defineVendor, type VendorDescriptor, type VendorErrorDetails } from "@dbusers/core/adapter";
import type { Cloud66ErrorBody } from "./types.ts";

/** Cloud66's documented limit: 3,000 requests an hour per token, then `503 throttled`. */
export const CLOUD66_RATE_LIMITS: readonly RateWindow[] = [{ limit: 3_000, windowMs: 3_600_000 }];

/** Everything core needs to know about Cloud 66, declared once (bearer tokens are core's default). */
export const cloud66: VendorDescriptor = defineVendor({
  provider: "cloud66",
  parseError: parseCloud66Error,
  isThrottled: isCloud66Throttled,
  isPermanent: isCloud66NotImplemented,
  retryable: isCloud66Retryable,
  rateLimits: CLOUD66_RATE_LIMITS,
});

/**
 * Reads Cloud 66's error body `{ error, error_description, details? }` (components.schemas.error, the
 * body its Go client parses): the message is the description, followed by the details when there are any.
 */
function parseCloud66Error(body: unknown): VendorErrorDetails {
  if (typeof body !== "object" || body === null) return {};
  const { error, error_description, details } = body as Partial<Cloud66ErrorBody>;
  const parts = [error_description, details].filter((part) => typeof part === "string" && part.trim() !== "");
  return {
    ...(parts.length > 0 ? { message: parts.join(": ") } : {}),
    ...(typeof error === "string" ? { vendorCode: error } : {}),
  };
}

/**
 * Cloud 66's `503 not_implemented`: "not actively implemented in this version of the API". Unlike its
 * throttling 503 it is permanent: asking again, now or in an hour, gets the same answer.
 */
export function isCloud66NotImplemented(response: Response, body: unknown): boolean {
  return response.status === 503 && errorIdOf(body) === "not_implemented";
}

/**
 * Cloud 66's throttling answer, `503 throttled`: a 503 whose body is `{ "error": "throttled", … }` or
 * the bare text `throttled`. Cloud 66's other 503s (`not_implemented`, an outage) are not throttling.
 */
export function isCloud66Throttled(response: Response, body: unknown): boolean {
  if (response.status !== 503) return false;
  if (typeof body === "string") return body.trim().toLowerCase() === "throttled";
  return errorIdOf(body) === "throttled";
}

/** The `error` identifier of Cloud 66's JSON error body, when there is one. */
function errorIdOf(body: unknown): unknown {
  return typeof body === "object" && body !== null ? (body as { error?: unknown }).error : undefined;
}

/**
 * Cloud 66's retry rule on top of core's. Core repeats a DELETE after a 5xx, a lost connection or a
 * timeout, because deleting twice is harmless where the first delete is done when it answers. On
 * Cloud 66 it queues an action: a second DELETE queues a second action, which fails once the first has
 * removed the user, and the caller would be told that a delete which happened failed. So every request
 * but a GET is re-sent only after a throttling answer (429 or `503 throttled`), which proves Cloud 66 did
 * nothing, or when it never reached Cloud 66; the caller's own `shouldRetry` still has the last word.
 */
function isCloud66Retryable({ retryable, method, throttled, notSent }: RetryContext): boolean {
  return retryable && (method === "GET" || throttled || notSent);
}
