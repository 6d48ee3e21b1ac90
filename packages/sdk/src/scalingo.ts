// `@dbusers/sdk/scalingo`: the facade for a service that only uses Scalingo. It loads
// @dbusers/client-scalingo and nothing of the other vendors.

export type { ScalingoUser, ScalingoUsers } from "@dbusers/client-scalingo";
export * from "@dbusers/core";
export { createDatabaseUsers, fromEnv, type ScalingoConfig } from "./providers/scalingo.ts";
