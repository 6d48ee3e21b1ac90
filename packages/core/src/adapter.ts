// `@dbusers/core/adapter`: what a vendor client package is built from. Applications never need it.

export { isAmbiguousFailure } from "./ambiguous-failure.ts";
export { backoffDelay } from "./backoff.ts";
export { errorFromResponse } from "./error-from-response.ts";
export { invalidResponse } from "./invalid-response.ts";
export { type CreateSteps, createUser } from "./mutation/create.ts";
export { type DeleteSteps, deleteUser } from "./mutation/delete.ts";
export type { MutationOperation } from "./mutation/outcome.ts";
export { resetUntilKnown } from "./mutation/reset.ts";
export { type Call, type MutationRun, type MutationScope, runMutation } from "./mutation/run.ts";
export {
  DEFAULT_MUTATION_DEADLINE_MS,
  type MutationDefaults,
  type Mutations,
  mutationsOf,
} from "./mutation/scope.ts";
export { checkOperationOptions, requireOperationOptions } from "./operation-options.ts";
export {
  collect,
  type NumberedPage,
  type NumberedPaginationOptions,
  oneAnswerListing,
  type Page,
  paginate,
  paginateNumbered,
} from "./pagination.ts";
export { type CharacterClass, generatePassword, type PasswordRule } from "./password.ts";
export { redactBody, redactHeaders, redactText, withoutSecretFields } from "./redact.ts";
export { expectArray, expectObject, expectString, ResponseShapeError } from "./response-shape.ts";
export { type RateLimitWindow, rateLimitWindow, retryAfterMs } from "./retry-after.ts";
export { sleep } from "./sleep.ts";
export { revealToken, tokenProvider } from "./token.ts";
export { createTokenCache, type TokenCache, type TokenCacheOptions } from "./token-cache.ts";
export {
  type ApiClient,
  type ApiClientOptions,
  createApiClient,
  RETRY_COUNT_HEADER,
} from "./transport/api-client.ts";
export { callMetadataOf, provenNotSent } from "./transport/call-metadata.ts";
export { RequestThrottle, type ThrottleClock } from "./transport/throttle.ts";
export { type FetchResult, unwrap, unwrapDeletion } from "./unwrap.ts";
export {
  checkNonEmptyString,
  checkOptionalBoolean,
  checkPathSegment,
  checkUuid,
  requireNonEmptyString,
  requirePathSegment,
  requireUuid,
  throwIfInvalid,
} from "./validate.ts";
export { type AuthScheme, defineVendor, type VendorDescriptor, type VendorErrorDetails } from "./vendor.ts";
export {
  checkWaitOptions,
  type PollResult,
  type WaitUntilOptions,
  waitUntil,
} from "./waiter.ts";
