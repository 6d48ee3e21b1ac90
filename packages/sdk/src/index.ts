// `@dbusers/sdk`: one interface over every vendor. `createDatabaseUsers({ provider, ... })` picks the
// vendor's adapter; the rest of the config is typed by the provider. This entry loads every vendor's
// client; a service that uses one vendor imports `@dbusers/sdk/<vendor>` instead and bundles only it.
import type { Cloud66Users } from "@dbusers/client-cloud66";
import type { DigitalOceanUsers } from "@dbusers/client-digitalocean";
import type { HostUpUsers } from "@dbusers/client-hostup";
import type { ScalingoUsers } from "@dbusers/client-scalingo";
import { type DatabaseUsers, ValidationError } from "@dbusers/core";
import { type Environment, requireEnvironment } from "./environment.ts";
import { describeGiven } from "./provider.ts";
import {
  type Cloud66Config,
  fromEnv as cloud66FromEnv,
  createDatabaseUsers as createCloud66,
} from "./providers/cloud66.ts";
import {
  createDatabaseUsers as createDigitalOcean,
  type DigitalOceanConfig,
  fromEnv as digitalOceanFromEnv,
} from "./providers/digitalocean.ts";
import {
  createDatabaseUsers as createHostUp,
  type HostUpConfig,
  fromEnv as hostUpFromEnv,
} from "./providers/hostup.ts";
import {
  createDatabaseUsers as createScalingo,
  type ScalingoConfig,
  fromEnv as scalingoFromEnv,
} from "./providers/scalingo.ts";

export type { Cloud66Operation, Cloud66User, Cloud66Users } from "@dbusers/client-cloud66";
export type { DigitalOceanUser, DigitalOceanUsers } from "@dbusers/client-digitalocean";
export type { HostUpUser, HostUpUsers } from "@dbusers/client-hostup";
export type { ScalingoUser, ScalingoUsers } from "@dbusers/client-scalingo";
export * from "@dbusers/core";
export type { Environment } from "./environment.ts";
export type { Cloud66Config } from "./providers/cloud66.ts";
export type { DigitalOceanConfig } from "./providers/digitalocean.ts";
export type { HostUpConfig } from "./providers/hostup.ts";
export type { ScalingoConfig } from "./providers/scalingo.ts";

/** The configuration of one vendor, told apart by `provider`. A field of another vendor is a type error. */
export type DatabaseUsersConfig = DigitalOceanConfig | ScalingoConfig | Cloud66Config | HostUpConfig;

/** The vendors the facade knows. */
export type ProviderName = DatabaseUsersConfig["provider"];

interface ProviderEntry {
  createDatabaseUsers(config: never): DatabaseUsers;
  fromEnv(env: Environment): DatabaseUsersConfig;
}

/** Every vendor's entry, by provider name: the one place the facade lists its vendors. */
const PROVIDER_ENTRIES: Readonly<Record<ProviderName, ProviderEntry>> = {
  digitalocean: { createDatabaseUsers: createDigitalOcean, fromEnv: digitalOceanFromEnv },
  scalingo: { createDatabaseUsers: createScalingo, fromEnv: scalingoFromEnv },
  cloud66: { createDatabaseUsers: createCloud66, fromEnv: cloud66FromEnv },
  hostup: { createDatabaseUsers: createHostUp, fromEnv: hostUpFromEnv },
};

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
export function createDatabaseUsers(config: ScalingoConfig): ScalingoUsers;
export function createDatabaseUsers(config: Cloud66Config): Cloud66Users;
export function createDatabaseUsers(config: HostUpConfig): HostUpUsers;
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
  const variables = requireEnvironment(env, "dbusers");
  const provider: unknown = variables.DBUSERS_PROVIDER;
  return entryFor(typeof provider === "string" ? provider.trim() : provider, "DBUSERS_PROVIDER").fromEnv(
    variables,
  );
}

function entryFor(provider: unknown, field: string): ProviderEntry {
  if (typeof provider === "string" && Object.hasOwn(PROVIDER_ENTRIES, provider)) {
    return PROVIDER_ENTRIES[provider as ProviderName];
  }
  const given = describeGiven(provider);
  throw new ValidationError(`dbusers: ${field} must be one of ${PROVIDERS.join(", ")}; got ${given}`, {
    provider: "dbusers",
    issues: [{ path: field, message: `must be one of ${PROVIDERS.join(", ")}` }],
  });
}
