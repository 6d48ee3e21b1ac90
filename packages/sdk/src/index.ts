// `@dbusers/sdk`: one interface over every vendor. `createDatabaseUsers({ provider, ... })` picks the
// vendor's adapter; the rest of the config is typed by the provider. This entry loads every vendor's
// client; a service that uses one vendor imports `@dbusers/sdk/<vendor>` instead and bundles only it.
import type { DigitalOceanUsers } from "@dbusers/client-digitalocean";
import { type DatabaseUsers, ValidationError } from "@dbusers/core";
import type { Environment } from "./environment.ts";
import {
  createDatabaseUsers as createDigitalOcean,
  type DigitalOceanConfig,
  fromEnv as digitalOceanFromEnv,
} from "./providers/digitalocean.ts";

export type { DigitalOceanUser, DigitalOceanUsers } from "@dbusers/client-digitalocean";
export * from "@dbusers/core";
export type { Environment } from "./environment.ts";
export type { DigitalOceanConfig } from "./providers/digitalocean.ts";

/** Every vendor's entry, by provider name: the one place the facade lists its vendors. */
const PROVIDER_ENTRIES = {
  digitalocean: { createDatabaseUsers: createDigitalOcean, fromEnv: digitalOceanFromEnv },
} as const;

/** The configuration of one vendor, told apart by `provider`. A field of another vendor is a type error. */
export type DatabaseUsersConfig = DigitalOceanConfig;

/** The vendors the facade knows. */
export type ProviderName = DatabaseUsersConfig["provider"];

/** Every `ProviderName`, for menus, validation and docs. */
export const PROVIDERS: readonly ProviderName[] = Object.freeze(
  Object.keys(PROVIDER_ENTRIES) as ProviderName[],
);

/**
 * The adapter for `config.provider`, configured with the rest of `config`.
 *
 * ```ts
 * const users = createDatabaseUsers({ provider: "digitalocean", token, clusterId });
 * ```
 */
export function createDatabaseUsers(config: DigitalOceanConfig): DigitalOceanUsers;
export function createDatabaseUsers(config: DatabaseUsersConfig): DatabaseUsers;
export function createDatabaseUsers(config: DatabaseUsersConfig): DatabaseUsers {
  return entryFor(config?.provider, "provider").createDatabaseUsers(config as never);
}

/**
 * The configuration from environment variables: `DBUSERS_PROVIDER` names the vendor, whose own variables
 * follow (e.g. `DIGITALOCEAN_TOKEN`, `DIGITALOCEAN_CLUSTER_ID`). A missing variable is a `ValidationError`
 * that names it; no value is ever printed.
 */
export function fromEnv(env: Environment = process.env): DatabaseUsersConfig {
  return entryFor(env.DBUSERS_PROVIDER?.trim(), "DBUSERS_PROVIDER").fromEnv(env);
}

function entryFor(provider: unknown, field: string): (typeof PROVIDER_ENTRIES)[ProviderName] {
  if (typeof provider === "string" && Object.hasOwn(PROVIDER_ENTRIES, provider)) {
    return PROVIDER_ENTRIES[provider as ProviderName];
  }
  // The name of a provider is no secret, but it is cut short: it may be anything a caller passed.
  const given = provider === undefined ? "nothing" : JSON.stringify(String(provider).slice(0, 40));
  throw new ValidationError(`dbusers: ${field} must be one of ${PROVIDERS.join(", ")}; got ${given}`, {
    provider: "dbusers",
    issues: [{ path: field, message: `must be one of ${PROVIDERS.join(", ")}` }],
  });
}
