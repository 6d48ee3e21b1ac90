import type { ValidationIssue } from "./errors.ts";
import type { RetryContext } from "./retry-context.ts";
import type { RateWindow } from "./transport/throttle.ts";

/** What an adapter reads out of its vendor's error body. */
export interface VendorErrorDetails {
  message?: string;
  vendorCode?: string;
  requestId?: string;
  issues?: ValidationIssue[];
}

/**
 * How a vendor expects its credential: `Authorization: Bearer <token>` (the default),
 * `Authorization: Basic base64(<username>:<token>)`, or a header of its own (`X-Api-Key: <token>`).
 */
export type AuthScheme =
  | { type: "bearer" }
  | { type: "basic"; username: string }
  | { type: "header"; name: string; prefix?: string };

/**
 * Everything core needs to know about one vendor, declared once by its client package and used by
 * the retry policy, the error mapping and the transport alike.
 */
export interface VendorDescriptor {
  /** Short vendor id: `DatabaseUser.provider`, error `provider`, the `user-agent` suffix. */
  readonly provider: string;
  /** Reads the vendor's error body (JSON, or text when it is not JSON); may throw on odd shapes. */
  readonly parseError?: (body: unknown, response: Response) => VendorErrorDetails;
  /**
   * Answers with a status other than 429 that still mean "slow down" (Cloud66: `503` with the body
   * `throttled`). They are retried like a 429, even for a POST, and surface as `RateLimitError`.
   */
  readonly isThrottled?: (response: Response, body: unknown) => boolean;
  /**
   * Error answers that say the operation will never work here, whatever their status (Cloud66's
   * `503 not_implemented`): never retried, proof that nothing was done, and an `UnsupportedOperationError`.
   */
  readonly isPermanent?: (response: Response, body: unknown) => boolean;
  /**
   * The vendor's own retry rule, applied to core's verdict (`context.retryable`) before the caller's
   * `shouldRetry`: what the vendor makes of a repeated request that core cannot know. The context says
   * whether the answer was a throttling one and whether the attempt was proven never sent.
   */
  readonly retryable?: (context: RetryContext) => boolean;
  /** Default `{ type: "bearer" }`. */
  readonly auth?: AuthScheme;
  /** The limits the vendor documents, which the proactive throttle keeps to (per client). */
  readonly rateLimits?: readonly RateWindow[];
}

/** Declares a vendor; an identity function that checks the shape and keeps the literal types. */
export function defineVendor<const V extends VendorDescriptor>(vendor: V): V {
  return Object.freeze(vendor);
}
