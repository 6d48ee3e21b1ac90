// What applications import: the errors to catch, `Secret`, and the common types. Every client package
// re-exports this module whole (`export * from "@dbusers/core"`). Adapter authors import
// `@dbusers/core/adapter` as well.
export {
  AuthenticationError,
  type CallMetadata,
  ConflictError,
  DatabaseUsersError,
  type DatabaseUsersErrorOptions,
  type ErrorCode,
  InvalidResponseError,
  type MutationOutcome,
  NotFoundError,
  OperationFailedError,
  PermissionError,
  RateLimitError,
  type RateLimitErrorOptions,
  RedirectError,
  type RedirectErrorOptions,
  TimeoutError,
  UnavailableError,
  UnsupportedOperationError,
  ValidationError,
  type ValidationErrorOptions,
  type ValidationIssue,
} from "./errors.ts";
export { lockWithLocalFallback } from "./mutation/fallback-lock.ts";
export { createLocalNameLock, type NameLock } from "./mutation/lock.ts";
export type { RetryContext } from "./retry-context.ts";
export type { RetryOptions } from "./retry-policy.ts";
export { isSecret, REDACTED, Secret } from "./secret.ts";
export type { QuotaAnswer, SharedQuota, SharedQuotaOptions } from "./shared/shared-quota.ts";
export { SharedStoreUnavailableError } from "./shared/shared-store.ts";
export type { TokenInput, TokenProvider, TokenRequest } from "./token.ts";
export type { RateWindow, ThrottleOptions } from "./transport/throttle.ts";
export type {
  Capabilities,
  CapabilityName,
  ClientOptions,
  CreateUserInput,
  DatabaseUser,
  DatabaseUsers,
  Logger,
  OperationHandle,
  OperationOptions,
  UserWithPassword,
  WaitOptions,
} from "./types.ts";
export { VERSION } from "./version.ts";
