import { errorFromResponse } from "./error-from-response.ts";
import { annotateError, DatabaseUsersError } from "./errors.ts";
import { invalidResponse } from "./invalid-response.ts";
import { ResponseShapeError } from "./response-shape.ts";
import { callMetadataOf } from "./transport/call-metadata.ts";
import type { VendorDescriptor } from "./vendor.ts";

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
 *
 * With `read`, the data goes through it: `read` maps the body and checks what it relies on with the
 * `expect*` helpers, whose failures become an `InvalidResponseError` carrying the answer's status and
 * request id. An empty body reaches `read` as `undefined`.
 */
export function unwrap<T>(result: FetchResult<T>, vendor: VendorDescriptor): T;
export function unwrap<T, R>(result: FetchResult<T>, vendor: VendorDescriptor, read: (data: T) => R): R;
export function unwrap<T, R>(result: FetchResult<T>, vendor: VendorDescriptor, read?: (data: T) => R): T | R {
  const { response } = result;
  if (!response.ok) {
    throw withMetadataOf(result, errorFromResponse(vendor, response, result.error));
  }
  if (!read) {
    return result.data as T;
  }
  try {
    return read(result.data as T);
  } catch (error) {
    if (error instanceof ResponseShapeError) {
      throw withMetadataOf(result, invalidResponse(vendor.provider, response, error.message, error));
    }
    throw error instanceof DatabaseUsersError ? withMetadataOf(result, error) : error;
  }
}

/** `error` carrying what the call's attempts proved, as its result did: a mutation reads its outcome there. */
function withMetadataOf<E extends DatabaseUsersError>(result: FetchResult<unknown>, error: E): E {
  const metadata = callMetadataOf(result);
  return metadata ? annotateError(error, { $metadata: metadata }) : error;
}

/**
 * A delete's answer. A 404 to a re-sent delete whose earlier attempt may have been carried out (its
 * answer lost, or a 5xx) means that attempt most likely deleted the user: the caller asked for it to be
 * gone, and it is, so that is success. A 404 to the first attempt, or to a re-send after answers that
 * prove nothing was done (401, 429, throttling), is still a `NotFoundError`.
 */
export function unwrapDeletion(result: FetchResult<unknown>, vendor: VendorDescriptor): void {
  // The 404 itself proves nothing was done, so the call "may have applied" only through an earlier attempt.
  if (result.response.status === 404 && callMetadataOf(result)?.mayHaveApplied) return;
  unwrap(result, vendor);
}
