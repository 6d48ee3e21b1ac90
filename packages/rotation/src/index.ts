// `@dbusers/rotation`: zero-downtime password rotation through the vendors' own APIs. Login verifiers and
// SQL grant helpers are in `@dbusers/rotation/postgres` and `@dbusers/rotation/mysql` (optional drivers).
export { RotationError, type RotationErrorOptions, type RotationErrorReason } from "./errors.ts";
export { createFileStore } from "./file-store.ts";
export type { GrantsContext, RotationHooks, StepEvent, Verifier, VerifyContext } from "./hooks.ts";
export { createMemoryStore } from "./memory-store.ts";
export type { RotationPlan } from "./plan.ts";
export { createRotation, type Rotation, type RotationOptions, type RotationResult } from "./rotation.ts";
export type {
  Credentials,
  DueHook,
  PendingRotation,
  RotationState,
  RotationStep,
  RotationStrategy,
} from "./state.ts";
export { type RotationStore, StoreConflictError, type StoredRotation } from "./store.ts";
export type { TwinOptions } from "./vendors.ts";
