// `@dbusers/sdk/cloud66`: the facade for a service that only uses Cloud66. It loads
// @dbusers/client-cloud66 and nothing of the other vendors.

export type { Cloud66Operation, Cloud66User, Cloud66Users } from "@dbusers/client-cloud66";
export * from "@dbusers/core";
export { type Cloud66Config, createDatabaseUsers, fromEnv } from "./providers/cloud66.ts";
