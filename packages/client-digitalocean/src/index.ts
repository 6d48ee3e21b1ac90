// What a caller of this package needs from @dbusers/core, so that installing this package is enough:
// the error classes to catch, `Secret`, and the common types. (Both builds of core brand their errors
// and secrets, so `instanceof` holds whichever copy a caller imports them from.)
export {
  AuthenticationError,
  type Capabilities,
  type ClientOptions,
  ConflictError,
  type CreateUserInput,
  type DatabaseUser,
  type DatabaseUsers,
  DatabaseUsersError,
  type ErrorCode,
  isSecret,
  type Logger,
  NotFoundError,
  OperationFailedError,
  type OperationOptions,
  PermissionError,
  RateLimitError,
  REDACTED,
  type RetryContext,
  type RetryOptions,
  Secret,
  TimeoutError,
  UnavailableError,
  UnsupportedOperationError,
  type UserWithPassword,
  ValidationError,
  type ValidationIssue,
} from "@dbusers/core";
export {
  createDigitalOceanClient,
  DIGITALOCEAN_API_URL,
  type DigitalOceanClient,
  type DigitalOceanClientOptions,
} from "./client.ts";
export type { DigitalOceanUser, DigitalOceanUserRaw } from "./map-user.ts";
export type {
  DigitalOceanComponents,
  DigitalOceanCreateUserBody,
  DigitalOceanDatabaseUser,
  DigitalOceanErrorBody,
  DigitalOceanKafkaAcl,
  DigitalOceanMongoUserSettings,
  DigitalOceanMySqlSettings,
  DigitalOceanOpenSearchAcl,
  DigitalOceanOperations,
  DigitalOceanPaths,
  DigitalOceanResetAuthBody,
  DigitalOceanUpdateUserBody,
  DigitalOceanUserSettings,
} from "./types.ts";
export {
  createDigitalOceanUsers,
  type DigitalOceanAuthPlugin,
  type DigitalOceanCreateUserInput,
  type DigitalOceanResetPasswordOptions,
  type DigitalOceanUsers,
  type DigitalOceanUsersOptions,
} from "./users.ts";
