// Everything an application needs from @dbusers/core (errors, `Secret`, the common types), so that
// installing this package is enough.
export * from "@dbusers/core";
export {
  createScalingoClient,
  type ScalingoApiTokenOptions,
  type ScalingoClient,
  type ScalingoClientOptions,
  type ScalingoDatabaseTokenOptions,
} from "./client.ts";
export {
  SCALINGO_AUTH_URL,
  SCALINGO_REGIONS,
  type ScalingoRegion,
  type ScalingoRouting,
} from "./endpoints.ts";
export type { ScalingoUser, ScalingoUserRaw } from "./map-user.ts";
export type {
  ScalingoAddonWithToken,
  ScalingoComponents,
  ScalingoCreateUserBody,
  ScalingoDatabaseUser,
  ScalingoDbmsAttributes,
  ScalingoErrorBody,
  ScalingoNotFoundErrorBody,
  ScalingoOperations,
  ScalingoPaths,
  ScalingoUpdateUserBody,
  ScalingoValidationErrorBody,
} from "./types.ts";
export { createScalingoUsers, type ScalingoUsers, type ScalingoUsersOptions } from "./users.ts";
export { SCALINGO_RATE_LIMITS } from "./vendor.ts";
