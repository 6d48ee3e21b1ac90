// Everything an application needs from @dbusers/core (errors, `Secret`, the common types), so that
// installing this package is enough.
export * from "@dbusers/core";
export {
  createDigitalOceanClient,
  DIGITALOCEAN_API_URL,
  type DigitalOceanClient,
  type DigitalOceanClientOptions,
} from "./client.ts";
export type { DigitalOceanUser, DigitalOceanUserRaw } from "./map-user.ts";
export { DIGITALOCEAN_ENGINES } from "./rules.ts";
export type {
  DigitalOceanComponents,
  DigitalOceanCreateUserBody,
  DigitalOceanDatabaseUser,
  DigitalOceanEngine,
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
export { DIGITALOCEAN_RATE_LIMITS } from "./vendor.ts";
