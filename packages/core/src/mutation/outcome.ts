import {
  annotateError,
  ConflictError,
  DatabaseUsersError,
  type MutationOutcome,
  OperationFailedError,
  UnsupportedOperationError,
  ValidationError,
} from "../errors.ts";
import { callMetadataOf } from "../transport/call-metadata.ts";

// What a failed request proves about the vendor's state, from what the transport saw of its attempts.

/**
 * Refusals the adapter raises before anything is sent, and an async vendor's action that finished
 * unsuccessfully (the vendor says it did not do it).
 */
const PROVEN_NOT_APPLIED = [ValidationError, UnsupportedOperationError, ConflictError, OperationFailedError];

/**
 * The outcome of one mutating request that failed with `error`: `"not-applied"` when every attempt is
 * proven not carried out (never sent, or refused with a 3xx/4xx), `"unknown"` otherwise: an answer lost,
 * a 5xx, a time limit reached while an attempt was out, or an error the transport did not account for.
 * An error carrying the transport's metadata is judged by it alone.
 */
export function requestOutcome(error: unknown): MutationOutcome {
  const metadata = callMetadataOf(error);
  if (metadata) return metadata.mayHaveApplied ? "unknown" : "not-applied";
  return PROVEN_NOT_APPLIED.some((kind) => error instanceof kind) ? "not-applied" : "unknown";
}

/** Every operation that changes something at a vendor: the common ones and the vendors' own. */
export type MutationOperation =
  | "create"
  | "resetPassword"
  | "setPassword"
  | "delete"
  | "updateSettings"
  | "grantPrivileges"
  | "revokePrivileges";

/** What an unknown outcome means for the caller, per operation; the compiler checks the list is whole. */
export const UNKNOWN_MEANS: Readonly<Record<MutationOperation, string>> = {
  create: "the user may have been created",
  resetPassword: "the password may have changed, and the old one may no longer work",
  setPassword: "the password may have changed",
  delete: "the user may have been deleted",
  updateSettings: "the settings may have changed",
  grantPrivileges: "the privileges may have changed",
  revokePrivileges: "the privileges may have changed",
};

export interface MutationFailure {
  operation: string;
  step: string;
  outcome: MutationOutcome;
  /** What an unknown outcome means for the caller: `"the user may have been created"`. */
  unknownMeans: string;
}

/**
 * Marks the error a mutation ends with: which operation, which step, and what it left behind. An
 * unknown outcome is said in the message too, where a log line keeps it. Errors that are not ours (the
 * caller's abort reason) are left as they are.
 */
export function mutationError(
  error: unknown,
  { operation, step, outcome, unknownMeans }: MutationFailure,
): unknown {
  if (!(error instanceof DatabaseUsersError)) return error;
  if (error.outcome !== "unknown" && outcome === "unknown") {
    error.message = `${error.message} (${operation} failed at the ${step}, after sending: ${unknownMeans})`;
  }
  // An outcome once known to be unknown stays so: a later step cannot prove an earlier one undone.
  const known = error.outcome === "unknown" ? "unknown" : outcome;
  return annotateError(error, { operation, step: error.step ?? step, outcome: known });
}
