import type { Credentials } from "./state.ts";

/** What verifiers get: the credentials to try, and whose they are. */
export interface VerifyContext extends Credentials {
  provider: string;
  /** The logical credential, e.g. `app`. */
  credential: string;
  signal: AbortSignal;
}

/** Proves that credentials work (a login, a query); throws to refuse them. */
export type Verifier = (context: VerifyContext) => Promise<void> | void;

/** What the `grants` hook gets: the twin about to become CURRENT and the user it must match. */
export interface GrantsContext {
  provider: string;
  credential: string;
  /** CURRENT's vendor user name, whose SQL-level privileges the twin must have. */
  current: string;
  /** PENDING's vendor user name. */
  pending: string;
  /** The credential's original user (the first of the pair): the role AWS-style membership clones. */
  original: string;
  signal: AbortSignal;
}

/** Called on the way; each is awaited, and a crash before it ends makes the next `rotate()` call it again. */
export interface RotationHooks {
  /** The twin has its new password, grants and verification: about to be promoted (e.g. warm a pool). */
  onPending?(pending: Credentials): Promise<void> | void;
  /** PENDING is now CURRENT; `previous` still works until the next rotation's drain (e.g. evict a pool). */
  onPromoted?(event: { current: Credentials; previous?: string }): Promise<void> | void;
  /** PREVIOUS's password changed: its credentials no longer work. */
  onRetired?(event: { username: string }): Promise<void> | void;
}

/** One step boundary: the state was written, or a vendor request returned before its result was written. */
export interface StepEvent {
  credential: string;
  /** `"pending: creating-twin"`, `"sent: create"`, `"promoted"`, … */
  boundary: string;
  user: string;
}
