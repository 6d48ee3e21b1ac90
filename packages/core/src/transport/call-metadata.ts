import { isPermanent, isThrottled } from "../error-from-response.ts";
import { annotateError, type CallMetadata, DatabaseUsersError } from "../errors.ts";
import type { VendorDescriptor } from "../vendor.ts";
import type { AttemptOutcome } from "./attempt.ts";

// What one call's attempts prove about the vendor's state, kept on what the call ends with (smithy's
// `$metadata`): the adapters' mutation engine reads it to tell "not applied" from "unknown", and a
// delete's 404 after an attempt that may have deleted the user is success.

/**
 * fetch's causes for a request that never left this machine or never reached an HTTP server: refused,
 * no such host, no route, a TLS handshake that failed, a connection that could not be opened in time.
 */
const NOT_SENT_CODES = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EADDRNOTAVAIL",
  "UND_ERR_CONNECT_TIMEOUT",
  "CERT_HAS_EXPIRED",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "ERR_TLS_CERT_ALTNAME_INVALID",
]);

/** Whether a failed attempt is proven never to have reached the vendor with its request. */
export function provenNotSent(error: unknown): boolean {
  if (!(error instanceof TypeError)) return false;
  const code = (error.cause as { code?: unknown } | undefined)?.code;
  return typeof code === "string" && NOT_SENT_CODES.has(code);
}

/**
 * Whether one attempt may have been carried out: a 2xx was; a 5xx or a lost answer may have been; a
 * 4xx answer, the vendor's throttling answer and a request that never left prove it was not. Of the
 * redirects (never followed for a mutation), 307 and 308 say "send it there instead", so nothing was
 * done here; a 303 says the result is elsewhere, and 301/302 have meant either: they may have been.
 */
export function attemptMayHaveApplied(vendor: VendorDescriptor, outcome: AttemptOutcome): boolean {
  if (!outcome.result) return !provenNotSent(outcome.error);
  const { response, error: body } = outcome.result;
  const { status } = response;
  if (status >= 200 && status < 300) return true;
  if (status >= 300 && status < 400) return status !== 307 && status !== 308;
  return status >= 500 && !isThrottled(vendor, response, body) && !isPermanent(vendor, response, body);
}

const METADATA = "$metadata";

/**
 * Hangs the call's metadata on what it ends with: an error of ours, or the result, as a `$metadata` field
 * beside openapi-fetch's `data`, `error` and `response` (smithy's outputs carry theirs the same way). A
 * plain field: it is set on every call, and defining a property costs the call more than the rest of
 * this bookkeeping together.
 */
export function attachCallMetadata<T>(target: T, metadata: CallMetadata): T {
  if (typeof target !== "object" || target === null) return target;
  if (target instanceof DatabaseUsersError) return annotateError(target, { $metadata: metadata });
  (target as { [METADATA]?: CallMetadata })[METADATA] = metadata;
  return target;
}

/** The metadata of the call that produced `value` (a result or an error), when the transport made it. */
export function callMetadataOf(value: unknown): CallMetadata | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  return (value as { [METADATA]?: CallMetadata })[METADATA];
}
