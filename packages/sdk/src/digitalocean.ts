// `@dbusers/sdk/digitalocean`: the facade for a service that only uses DigitalOcean. It loads
// @dbusers/client-digitalocean and nothing of the other vendors.

export type { DigitalOceanUser, DigitalOceanUsers } from "@dbusers/client-digitalocean";
export * from "@dbusers/core";
export { createDatabaseUsers, type DigitalOceanConfig, fromEnv } from "./providers/digitalocean.ts";
