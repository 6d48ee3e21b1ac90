// `@dbusers/sdk/hostup`: the facade for a service that only uses HostUp. It loads
// @dbusers/client-hostup and nothing of the other vendors.

export type { HostUpUser, HostUpUsers } from "@dbusers/client-hostup";
export * from "@dbusers/core";
export { createDatabaseUsers, fromEnv, type HostUpConfig } from "./providers/hostup.ts";
