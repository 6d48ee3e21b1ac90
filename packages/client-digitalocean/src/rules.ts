// What the adapter can judge of DigitalOcean-only input before sending it: the cluster's engine, the
// MySQL authentication plugin (an enum of specs/digitalocean.yaml) and the shape of engine settings.
import type { ValidationIssue } from "@dbusers/core";
import { checkOptionalBoolean, throwIfInvalid } from "@dbusers/core/adapter";
import type { DigitalOceanEngine, DigitalOceanMySqlSettings, DigitalOceanUserSettings } from "./types.ts";
import { digitalocean } from "./vendor.ts";

// Keyed by the types: an engine or a plugin missing here, or one they do not have, fails to compile.
const ENGINE_SET: Readonly<Record<DigitalOceanEngine, true>> = {
  pg: true,
  mysql: true,
  mongodb: true,
  kafka: true,
  opensearch: true,
};
const AUTH_PLUGIN_SET: Readonly<Record<DigitalOceanMySqlSettings["auth_plugin"], true>> = {
  mysql_native_password: true,
  caching_sha2_password: true,
};
const SETTINGS_SET: Readonly<Record<keyof DigitalOceanUserSettings, true>> = {
  pg_allow_replication: true,
  opensearch_acl: true,
  acl: true,
  mongo_user_settings: true,
};

/** The engines whose users DigitalOcean's API manages, as the `engine` option spells them. */
export const DIGITALOCEAN_ENGINES: readonly DigitalOceanEngine[] = Object.freeze(
  Object.keys(ENGINE_SET) as DigitalOceanEngine[],
);
const AUTH_PLUGINS = Object.keys(AUTH_PLUGIN_SET);
const SETTINGS = Object.keys(SETTINGS_SET);

/** The `engine` option: absent, or one of DIGITALOCEAN_ENGINES, spelled exactly (`"MongoDB"` is refused). */
export function requireEngine(value: unknown): DigitalOceanEngine | undefined {
  const known = typeof value === "string" && Object.hasOwn(ENGINE_SET, value);
  throwIfInvalid(
    value === undefined || known
      ? []
      : [{ path: "engine", message: `must be one of ${DIGITALOCEAN_ENGINES.join(", ")}` }],
    digitalocean.provider,
  );
  return value as DigitalOceanEngine | undefined;
}

/** An optional `authPlugin`: one of the spec's `mysql_settings.auth_plugin` values. */
export function checkAuthPlugin(value: unknown, field: string): ValidationIssue[] {
  return value === undefined || (typeof value === "string" && Object.hasOwn(AUTH_PLUGIN_SET, value))
    ? []
    : [{ path: field, message: `must be one of ${AUTH_PLUGINS.join(", ")}` }];
}

/**
 * Engine settings: an object, whose known options have the spec's types (their content is left to
 * DigitalOcean). An update replaces every setting, and any it leaves out falls back to its default, so
 * an update that sets none of them (`{}`) could only wipe the user's settings: it is refused, and a
 * caller who means the defaults says so (`{ pg_allow_replication: false }`, `{ acl: [] }`).
 */
export function checkSettings(value: unknown, field: string, update: boolean): ValidationIssue[] {
  if (!isObject(value)) {
    return [{ path: field, message: "must be an object of engine settings" }];
  }
  const settings = value as Record<string, unknown>;
  if (update && !SETTINGS.some((key) => settings[key] !== undefined)) {
    return [
      {
        path: field,
        message: `must set at least one of ${SETTINGS.join(", ")}: an update replaces them all`,
      },
    ];
  }
  const { pg_allow_replication, opensearch_acl, acl, mongo_user_settings } = settings;
  const unless = (fits: boolean, key: string, message: string): ValidationIssue[] =>
    fits ? [] : [{ path: `${field}.${key}`, message }];
  return [
    ...checkOptionalBoolean(pg_allow_replication, `${field}.pg_allow_replication`),
    ...unless(
      opensearch_acl === undefined || Array.isArray(opensearch_acl),
      "opensearch_acl",
      "must be an array",
    ),
    ...unless(acl === undefined || Array.isArray(acl), "acl", "must be an array"),
    ...unless(
      mongo_user_settings === undefined || isObject(mongo_user_settings),
      "mongo_user_settings",
      "must be an object",
    ),
  ];
}

function isObject(value: unknown): value is object {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
