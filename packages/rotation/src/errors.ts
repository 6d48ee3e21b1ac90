import { DatabaseUsersError, type MutationOutcome } from "@dbusers/core";

/** Why a rotation stopped; branch on this, never on the message. */
export type RotationErrorReason =
  /** No twin can stand in for this user (a protected user, a vendor refusal): see `strategy: "in-place"`. */
  | "twin-unavailable"
  /** The twin's vendor-side attributes differ from CURRENT's and cannot be aligned: it is not promoted. */
  | "attributes-differ"
  /** PREVIOUS is still within its drain period: nothing was sent; rotate again after `retryAfterMs`. */
  | "drain-pending"
  /** The twin's new credentials did not pass `verify` or a built-in verifier: it is not promoted. */
  | "verification-failed"
  /** The `grants` hook failed: the twin is not promoted. */
  | "grants-failed"
  /** A hook owed after a state change failed; the next `rotate()` runs it again first. */
  | "hook-failed"
  /** A vendor request failed; `outcome` and `cause` say what it left behind. */
  | "vendor-error";

export interface RotationErrorOptions {
  provider: string;
  reason: RotationErrorReason;
  /** The rotation step it stopped at. */
  step: string;
  /** Whether anything may have changed at the vendor (never CURRENT's password on `alternating`). */
  outcome: MutationOutcome;
  retryAfterMs?: number;
  cause?: unknown;
}

/**
 * A rotation that stopped (its `code` is the base class's: `reason` tells rotations' errors apart). On the alternating strategy CURRENT is never touched by a failed rotation:
 * clients go on logging in, and the next `rotate()` resumes where this one stopped.
 */
export class RotationError extends DatabaseUsersError {
  override name = "RotationError";
  readonly reason: RotationErrorReason;
  declare readonly retryAfterMs?: number;

  constructor(message: string, options: RotationErrorOptions) {
    super(message, {
      provider: options.provider,
      operation: "rotate",
      step: options.step,
      outcome: options.outcome,
      ...(options.cause === undefined ? {} : { cause: options.cause }),
    });
    this.reason = options.reason;
    if (options.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
  }
}
