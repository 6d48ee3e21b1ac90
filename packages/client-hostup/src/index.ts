// Everything an application needs from @dbusers/core (errors, `Secret`, the common types), so that
// installing this package is enough.
export * from "@dbusers/core";
export {
  createHostUpClient,
  HOSTUP_API_URL,
  type HostUpClient,
  type HostUpClientOptions,
} from "./client.ts";
export type { HostUpUser } from "./map-user.ts";
export { HOSTUP_PRIVILEGES } from "./rules.ts";
export type {
  HostUpComponents,
  HostUpCreateUserBody,
  HostUpDatabasePrivileges,
  HostUpDatabaseUser,
  HostUpDatabaseUserList,
  HostUpGrantPrivilegesBody,
  HostUpOperations,
  HostUpPasswordResetBody,
  HostUpPaths,
  HostUpPrivilege,
  HostUpProblemDetails,
  HostUpProblemFieldError,
  HostUpRevokePrivilegesBody,
} from "./types.ts";
export {
  createHostUpUsers,
  type HostUpCreateUserInput,
  type HostUpUsers,
  type HostUpUsersOptions,
} from "./users.ts";
export { HOSTUP_RATE_LIMITS } from "./vendor.ts";
