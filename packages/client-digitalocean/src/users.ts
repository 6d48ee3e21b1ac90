import {
  type Capabilities,
  type CreateUserInput,
  collect,
  type DatabaseUsers,
  type OperationOptions,
  paginate,
  reconcileAmbiguousCreate,
  requirePathSegment,
  requireUuid,
  type Secret,
  UnsupportedOperationError,
  type UserWithPassword,
  unwrap,
} from "@dbusers/core";
import {
  createDigitalOceanClient,
  type DigitalOceanClient,
  type DigitalOceanClientOptions,
} from "./client.ts";
import { type DigitalOceanUser, passwordOf, toDatabaseUser } from "./map-user.ts";
import type {
  DigitalOceanCreateUserBody,
  DigitalOceanDatabaseUser,
  DigitalOceanMySqlSettings,
  DigitalOceanUserSettings,
} from "./types.ts";
import { parseDigitalOceanError } from "./vendor-error.ts";

const provider = "digitalocean";
const USERS = "/v2/databases/{database_cluster_uuid}/users";
const USER = "/v2/databases/{database_cluster_uuid}/users/{username}";
const RESET_AUTH = "/v2/databases/{database_cluster_uuid}/users/{username}/reset_auth";

export interface DigitalOceanUsersOptions extends DigitalOceanClientOptions {
  /** The database cluster's UUID (`database_cluster_uuid`); checked before any request. */
  clusterId: string;
}

/** MySQL authentication method: `caching_sha2_password` (MySQL 8 default) or `mysql_native_password`. */
export type DigitalOceanAuthPlugin = DigitalOceanMySqlSettings["auth_plugin"];

export interface DigitalOceanCreateUserInput extends CreateUserInput {
  /** MySQL only. When omitted, the MySQL version's default plugin is used. */
  authPlugin?: DigitalOceanAuthPlugin;
  /**
   * Engine-specific settings: `pg_allow_replication` (PostgreSQL), `acl` (Kafka topics),
   * `opensearch_acl` (OpenSearch indexes), `mongo_user_settings` (MongoDB databases and role).
   */
  settings?: DigitalOceanUserSettings;
}

export interface DigitalOceanResetPasswordOptions extends OperationOptions {
  /** MySQL only: switch the user's authentication method while rotating its password. */
  authPlugin?: DigitalOceanAuthPlugin;
}

/** `DatabaseUsers` for one DigitalOcean cluster, plus what only DigitalOcean offers. */
export interface DigitalOceanUsers extends DatabaseUsers<DigitalOceanUser, DigitalOceanCreateUserInput> {
  readonly clusterId: string;
  /** The raw typed openapi-fetch client the adapter uses, for operations it does not wrap. */
  readonly client: DigitalOceanClient;
  resetPassword(
    name: string,
    options?: DigitalOceanResetPasswordOptions,
  ): Promise<UserWithPassword<DigitalOceanUser>>;
  /** Replaces the user's engine settings (ACLs, replication, MongoDB role); the name cannot change. */
  updateSettings(
    name: string,
    settings: DigitalOceanUserSettings,
    options?: OperationOptions,
  ): Promise<DigitalOceanUser>;
}

const capabilities: Capabilities = Object.freeze({
  get: true,
  // DigitalOcean always generates passwords; it can only rotate them (reset_auth).
  setPassword: false,
  // The deprecated `readonly` flag and `settings.mongo_user_settings.role`, MongoDB clusters only.
  readOnly: true,
  // Through `settings.mongo_user_settings.databases`, MongoDB clusters only.
  databases: false,
  privileges: false,
  asyncOperations: false,
});

/**
 * Manages the users of one DigitalOcean Managed Databases cluster.
 *
 * ```ts
 * const users = createDigitalOceanUsers({ token: process.env.DIGITALOCEAN_TOKEN!, clusterId });
 * const { user, password } = await users.create({ name: "reporting" });
 * ```
 */
export function createDigitalOceanUsers(options: DigitalOceanUsersOptions): DigitalOceanUsers {
  const clusterId = requireUuid(options.clusterId, "clusterId", provider);
  const client = createDigitalOceanClient(options);
  const onError = { provider, parseError: parseDigitalOceanError } as const;
  const cluster = { database_cluster_uuid: clusterId };
  const userPath = (name: string) => ({
    path: { ...cluster, username: requirePathSegment(name, "name", provider) },
  });

  async function listOnce(signal?: AbortSignal): Promise<DigitalOceanUser[]> {
    const result = await client.GET(USERS, { params: { path: cluster }, signal });
    return (unwrap(result, onError).users ?? []).map(toDatabaseUser);
  }

  async function get(name: string, { signal }: OperationOptions = {}): Promise<DigitalOceanUser> {
    const params = userPath(name);
    return toDatabaseUser(unwrap(await client.GET(USER, { params, signal }), onError).user);
  }

  async function resetPassword(
    name: string,
    { authPlugin, signal }: DigitalOceanResetPasswordOptions = {},
  ): Promise<UserWithPassword<DigitalOceanUser>> {
    const params = userPath(name);
    const body = authPlugin === undefined ? {} : { mysql_settings: { auth_plugin: authPlugin } };
    const user = unwrap(await client.POST(RESET_AUTH, { params, body, signal }), onError).user;
    return withPassword(user, "password reset");
  }

  async function create(
    input: DigitalOceanCreateUserInput,
    { signal }: OperationOptions = {},
  ): Promise<UserWithPassword<DigitalOceanUser>> {
    const body = createBody(input);
    return reconcileAmbiguousCreate({
      create: async () => {
        const result = await client.POST(USERS, { params: { path: cluster }, body, signal });
        return withPassword(unwrap(result, onError).user, "creation");
      },
      // The request may have reached DigitalOcean before the connection broke. Re-sending could only
      // fail (the name is taken); if the user exists, a reset hands the caller a password it knows.
      recover: async () => {
        await get(body.name, { signal });
        return resetPassword(body.name, { signal });
      },
    });
  }

  return {
    provider,
    capabilities,
    clusterId,
    client,
    list: ({ signal }: OperationOptions = {}) => collect(paginateUsers(signal)),
    iterate: ({ signal }: OperationOptions = {}) => paginateUsers(signal),
    get,
    create,
    resetPassword,
    async setPassword(_name: string, _password: string | Secret): Promise<void> {
      throw new UnsupportedOperationError(
        "digitalocean: passwords cannot be chosen; use resetPassword() to rotate to a generated one",
        { provider },
      );
    },
    async updateSettings(name, settings, { signal }: OperationOptions = {}) {
      const params = userPath(name);
      const result = await client.PUT(USER, { params, body: { settings }, signal });
      return toDatabaseUser(unwrap(result, onError).user);
    },
    async delete(name: string, { signal }: OperationOptions = {}): Promise<void> {
      const params = userPath(name);
      unwrap(await client.DELETE(USER, { params, signal }), onError);
    },
  };

  // DigitalOcean's list declares no pagination (no page/per_page, no links): one page holds every user.
  function paginateUsers(signal?: AbortSignal): AsyncIterable<DigitalOceanUser> {
    return paginate<DigitalOceanUser, number>(async () => ({ items: await listOnce(signal) }), signal);
  }
}

function withPassword(user: DigitalOceanDatabaseUser, operation: string): UserWithPassword<DigitalOceanUser> {
  return { user: toDatabaseUser(user), password: passwordOf(user, operation) };
}

/** Maps the common create input onto DigitalOcean's add-user body, rejecting what it cannot express. */
function createBody(input: DigitalOceanCreateUserInput): DigitalOceanCreateUserBody {
  const name = requirePathSegment(input?.name, "name", provider);
  if (input.password !== undefined) {
    throw new UnsupportedOperationError(
      "digitalocean: passwords cannot be chosen; DigitalOcean generates one and create() returns it",
      { provider },
    );
  }
  if (input.databases !== undefined) {
    throw new UnsupportedOperationError(
      "digitalocean: `databases` applies to MongoDB only; pass settings.mongo_user_settings.databases",
      { provider },
    );
  }
  return {
    name,
    ...(input.readOnly === undefined ? {} : { readonly: input.readOnly }),
    ...(input.authPlugin === undefined ? {} : { mysql_settings: { auth_plugin: input.authPlugin } }),
    ...(input.settings === undefined ? {} : { settings: input.settings }),
  };
}
