export { type ApiClientOptions, createApiClient } from "./api-client.ts";
export { backoffDelay } from "./backoff.ts";
export { type ErrorFromResponseInput, errorFromResponse } from "./error-from-response.ts";
export {
  AuthenticationError,
  ConflictError,
  DatabaseUsersError,
  type DatabaseUsersErrorOptions,
  type ErrorCode,
  NotFoundError,
  OperationFailedError,
  PermissionError,
  RateLimitError,
  type RateLimitErrorOptions,
  TimeoutError,
  UnavailableError,
  UnsupportedOperationError,
  ValidationError,
  type ValidationErrorOptions,
  type ValidationIssue,
} from "./errors.ts";
export { type CoreMiddlewareOptions, createCoreMiddleware } from "./middleware/create-core-middleware.ts";
export { RETRY_COUNT_HEADER } from "./middleware/retry.ts";
export { collect, type Page, paginate } from "./pagination.ts";
export { isAmbiguousFailure, type ReconcileOptions, reconcileAmbiguousCreate } from "./reconcile.ts";
export { redactBody, redactHeaders, redactText } from "./redact.ts";
export { retryAfterMs } from "./retry-after.ts";
export type { RetryContext, RetryOptions, ThrottleCheck } from "./retry-policy.ts";
export { isSecret, REDACTED, Secret } from "./secret.ts";
export type {
  Capabilities,
  ClientOptions,
  CreateUserInput,
  DatabaseUser,
  DatabaseUsers,
  Logger,
  OperationOptions,
  ProviderName,
  UserWithPassword,
  WaitOptions,
} from "./types.ts";
export { type FetchResult, type UnwrapOptions, unwrap, type VendorErrorDetails } from "./unwrap.ts";
export {
  checkNonEmptyString,
  checkPathSegment,
  checkUuid,
  requireNonEmptyString,
  requirePathSegment,
  requireUuid,
  throwIfInvalid,
} from "./validate.ts";
export { VERSION } from "./version.ts";
export { type PollResult, type WaitUntilOptions, waitUntil } from "./waiter.ts";
