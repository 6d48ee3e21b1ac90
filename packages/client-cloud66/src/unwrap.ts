import { DatabaseUsersError, UnsupportedOperationError } from "@dbusers/core";
import { callMetadataOf, type FetchResult, unwrap } from "@dbusers/core/adapter";
import { cloud66, isCloud66NotImplemented } from "./vendor.ts";

/**
 * Core's `unwrap` for Cloud 66's answers, with its `503 not_implemented` (which core maps by its status
 * to a transient `UnavailableError`) made what Cloud 66 documents it to be: a permanent refusal, an
 * `UnsupportedOperationError`. Cloud 66 did nothing, and neither did any earlier attempt of the call:
 * the transport re-sends a mutation only after an answer that proves it (throttling, a request that
 * never left), so the call's metadata says that nothing may have applied.
 */
export function unwrapCloud66<T, R>(result: FetchResult<T>, read: (data: T) => R): R {
  try {
    return unwrap(result, cloud66, read);
  } catch (error) {
    if (!(error instanceof DatabaseUsersError && isCloud66NotImplemented(result.response, result.error))) {
      throw error;
    }
    const metadata = callMetadataOf(error);
    throw new UnsupportedOperationError(error.message, {
      provider: cloud66.provider,
      status: result.response.status,
      ...(error.vendorCode === undefined ? {} : { vendorCode: error.vendorCode }),
      ...(error.requestId === undefined ? {} : { requestId: error.requestId }),
      ...(metadata ? { $metadata: { ...metadata, mayHaveApplied: false } } : {}),
      cause: error,
    });
  }
}
