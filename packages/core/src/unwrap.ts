import { errorFromResponse } from "./error-from-response.ts";
import type { ValidationIssue } from "./errors.ts";
import type { ProviderName } from "./types.ts";

/** What an adapter reads out of its vendor's error body. */
export interface VendorErrorDetails {
  message?: string;
  vendorCode?: string;
  requestId?: string;
  issues?: ValidationIssue[];
  /** The body says "throttled" although the status is not 429 (Cloud66). */
  throttled?: boolean;
}

export interface UnwrapOptions {
  provider: ProviderName;
  /** Reads the vendor's error format; the body is whatever openapi-fetch parsed (JSON or text). */
  parseError?: (body: unknown, response: Response) => VendorErrorDetails;
}

/** The parts of an openapi-fetch result that `unwrap` needs. */
export interface FetchResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/**
 * Turns an openapi-fetch result into its data, or throws the typed error for the vendor's answer.
 * Checks `response.ok` rather than `error`, because openapi-fetch leaves `error` undefined when an
 * error response has no body.
 */
export function unwrap<T>(result: FetchResult<T>, options: UnwrapOptions): T {
  const { response } = result;
  if (response.ok) {
    return result.data as T;
  }
  let details: VendorErrorDetails = {};
  try {
    details = options.parseError?.(result.error, response) ?? {};
  } catch {
    // A body in an unexpected shape must not hide the HTTP error behind a parser TypeError.
  }
  throw errorFromResponse({ provider: options.provider, response, body: result.error, ...details });
}
