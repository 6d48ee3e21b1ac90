import type { Secret } from "@dbusers/core";

/**
 * Where a rotation stands, in the order its steps run. A step is recorded before the vendor request it
 * names is sent (`creating-twin`, `setting-password`) and after it is known to be done (`twin-ready`,
 * `password-set`, …), so that a rotation resumed after a crash knows what may have happened.
 */
export type RotationStep =
  | "creating-twin"
  | "twin-ready"
  | "setting-password"
  | "password-set"
  | "granted"
  | "verified";

/** The hooks a state change owes the caller: run again by the next `rotate()` if a crash came first. */
export type DueHook = "onPromoted" | "onRetired";

/** The rotation in progress: the user becoming CURRENT (PENDING) and its step. */
export interface PendingRotation {
  name: string;
  step: RotationStep;
  /** Whether this rotation made the user (then a twin found after a crash is its own). */
  created: boolean;
  /** Whether the user was PREVIOUS when the rotation began: setting its password retires that credential. */
  retiring: boolean;
  /** The strategy it runs with, so that a resumed rotation does not switch. */
  strategy: RotationStrategy;
}

/** `alternating`: two users, one CURRENT (zero downtime). `in-place`: one user's password reset (not zero-downtime). */
export type RotationStrategy = "alternating" | "in-place";

/**
 * What a store holds for one logical credential. Passwords are `Secret`s: a store serialises them on
 * purpose (`reveal()`), nothing else ever shows them.
 */
export interface RotationState {
  /** The logical credential's name, e.g. `app`. */
  credential: string;
  provider: string;
  /** The pair of vendor users: the original first, its twin second (one of them for `in-place`). */
  users: string[];
  /** The vendor user clients log in as (CURRENT). */
  current: string;
  /** The working password of each user, where known. */
  passwords: Record<string, Secret>;
  /** The user that was CURRENT before the last promotion, and when (ms since the epoch). */
  previous?: { name: string; since: number };
  pending?: PendingRotation;
  due: DueHook[];
  /** Rotations completed. */
  rotations: number;
  /** When the state last changed (ms since the epoch). */
  updatedAt: number;
}

/** One credential's login, as clients read it from the store. */
export interface Credentials {
  username: string;
  password: Secret;
}
