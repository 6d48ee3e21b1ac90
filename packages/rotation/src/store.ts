import type { RotationState } from "./state.ts";

/** A stored state and the version a compare-and-set names. */
export interface StoredRotation {
  state: RotationState;
  /** Increases by one with each write; 0 is never stored (it means "absent" to `put`). */
  version: number;
}

/**
 * Where rotations keep their labels, steps and passwords: small and asynchronous, so that a shared
 * store (Redis) implements it too. `put` is a compare-and-set: two writers of one key never both win.
 */
export interface RotationStore {
  get(key: string): Promise<StoredRotation | undefined>;
  /**
   * Writes `state` if the stored version is `expected` (0: no state yet) and resolves with the new
   * version; otherwise rejects with `StoreConflictError` and writes nothing.
   */
  put(key: string, state: RotationState, expected: number): Promise<number>;
}

/** Another writer changed the state since it was read. */
export class StoreConflictError extends Error {
  override name = "StoreConflictError";
  readonly key: string;
  readonly expected: number;
  readonly found: number;

  constructor(key: string, expected: number, found: number) {
    super(`rotation store: ${key} is at version ${found}, not ${expected}: another rotation wrote it`);
    this.key = key;
    this.expected = expected;
    this.found = found;
  }
}
