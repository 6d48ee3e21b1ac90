// Everything an application needs from @dbusers/core (errors, `Secret`, the common types), so that
// installing this package is enough.
export * from "@dbusers/core";
export {
  CLOUD66_API_URL,
  type Cloud66Client,
  type Cloud66ClientOptions,
  createCloud66Client,
} from "./client.ts";
export type { Cloud66CreateUserInput } from "./create-body.ts";
export type { Cloud66User, Cloud66UserRaw } from "./map-user.ts";
export type { Cloud66Operation } from "./operation.ts";
export type {
  Cloud66Action,
  Cloud66ActionResponse,
  Cloud66Components,
  Cloud66CreateUserBody,
  Cloud66DatabaseUser,
  Cloud66ErrorBody,
  Cloud66Operations,
  Cloud66Pagination,
  Cloud66Paths,
  Cloud66UserList,
} from "./types.ts";
export {
  type Cloud66Users,
  type Cloud66UsersOptions,
  createCloud66Users,
} from "./users.ts";
export { CLOUD66_RATE_LIMITS } from "./vendor.ts";
