import {
  type Capabilities,
  type CreateUserInput,
  type DatabaseUsers,
  type OperationOptions,
  type Secret,
  UnsupportedOperationError,
  type UserWithPassword,
} from "@dbusers/core";
import {
  checkOptionalBoolean,
  checkPathSegment,
  expectArray,
  expectObject,
  type FetchResult,
  isAmbiguousFailure,
  oneAnswerListing,
  reconcileAmbiguousCreate,
  requireOperationOptions,
  requirePathSegment,
  requireUuid,
  throwIfInvalid,
  unwrap,
  unwrapDeletion,
} from "@dbusers/core/adapter";
import {
  createDigitalOceanClient,
  type DigitalOceanClient,
  type DigitalOceanClientOptions,
} from "./client.ts";
import { type DigitalOceanUser, passwordOf, toDatabaseUser } from "./map-user.ts";
import { checkAuthPlugin, checkSettings, requireEngine } from "./rules.ts";
import type {
  DigitalOceanCreateUserBody,
  DigitalOceanDatabaseUser,
  DigitalOceanEngine,
  DigitalOceanMySqlSettings,
  DigitalOceanUserSettings,
} from "./types.ts";
import { digitalocean } from "./vendor.ts";

const { provider } = digitalocean;
const USERS = "/v2/databases/{database_cluster_uuid}/users";
const USER = "/v2/databases/{database_cluster_uuid}/users/{username}";
const RESET_AUTH = "/v2/databases/{database_cluster_uuid}/users/{username}/reset_auth";

export interface DigitalOceanUsersOptions extends DigitalOceanClientOptions {
  /** The database cluster's UUID (`database_cluster_uuid`); checked before any request. */
  clusterId: string;
  /**
   * The cluster's engine, when the caller knows it. It makes `capabilities` exact (read-only users
   * exist on MongoDB only) and lets the adapter refuse what the engine cannot do before sending.
   */
  engine?: DigitalOceanEngine;
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

const MONGODB_ONLY = "MongoDB clusters only";

function capabilitiesFor(engine: DigitalOceanEngine | undefined): Capabilities {
  return Object.freeze({
    get: true,
    // DigitalOcean always generates passwords; it can only rotate them (reset_auth).
    setPassword: false,
    // The `readonly` flag (to be deprecated in favour of `settings.mongo_user_settings.role`).
    readOnly: engine === undefined || engine === "mongodb",
    // Through `settings.mongo_user_settings.databases` only.
    databases: false,
    privileges: false,
    asyncOperations: false,
    ...(engine === undefined ? { notes: Object.freeze({ readOnly: MONGODB_ONLY }) } : {}),
  });
}

/**
 * Manages the users of one DigitalOcean Managed Databases cluster.
 *
 * ```ts
 * const users = createDigitalOceanUsers({ token: process.env.DIGITALOCEAN_TOKEN!, clusterId });
 * const { user, password } = await users.create({ name: "reporting" });
 * ```
 */
export function createDigitalOceanUsers(options: DigitalOceanUsersOptions): DigitalOceanUsers {
  const clusterId = requireUuid(options?.clusterId, "clusterId", provider);
  const engine = requireEngine(options.engine);
  const capabilities = capabilitiesFor(engine);
  const client = createDigitalOceanClient(options);
  const cluster = { database_cluster_uuid: clusterId };
  const userPath = (name: string) => ({
    path: { ...cluster, username: requirePathSegment(name, "name", provider) },
  });
  // Every answer that carries one user: `{ user: {...} }`.
  const readUser = (data: { user: DigitalOceanDatabaseUser } | undefined) =>
    toDatabaseUser(expectObject(data, "body").user);
  const readUserWithPassword =
    (operation: string) => (data: { user: DigitalOceanDatabaseUser } | undefined) => {
      const user = expectObject(expectObject(data, "body").user, "user");
      return { user: toDatabaseUser(user), password: passwordOf(user, operation) };
    };

  async function listOnce(signal?: AbortSignal): Promise<DigitalOceanUser[]> {
    const result = await client.GET(USERS, { params: { path: cluster }, signal });
    return unwrap(result, digitalocean, (data) =>
      // `users` is not required by the spec: a missing array means no users.
      expectArray(expectObject(data, "body").users ?? [], "users").map((user, i) =>
        toDatabaseUser(user, `users[${i}]`),
      ),
    );
  }

  async function get(name: string, options?: OperationOptions): Promise<DigitalOceanUser> {
    const { signal } = requireOperationOptions(options, provider);
    const params = userPath(name);
    return unwrap(await client.GET(USER, { params, signal }), digitalocean, readUser);
  }

  async function resetOnce(
    name: string,
    authPlugin: DigitalOceanAuthPlugin | undefined,
    signal: AbortSignal | undefined,
  ): Promise<UserWithPassword<DigitalOceanUser>> {
    const params = userPath(name);
    const body = authPlugin === undefined ? {} : { mysql_settings: { auth_plugin: authPlugin } };
    const result = await client.POST(RESET_AUTH, { params, body, signal });
    return unwrap(result, digitalocean, readUserWithPassword("password reset"));
  }

  async function resetPassword(
    name: string,
    options?: DigitalOceanResetPasswordOptions,
  ): Promise<UserWithPassword<DigitalOceanUser>> {
    const { authPlugin, signal }: DigitalOceanResetPasswordOptions = requireOperationOptions(
      options,
      provider,
    );
    throwIfInvalid(
      [...checkPathSegment(name, "name"), ...checkAuthPlugin(authPlugin, "authPlugin")],
      provider,
    );
    try {
      return await resetOnce(name, authPlugin, signal);
    } catch (error) {
      // A reset whose answer was lost or unusable may have rotated the password to one nobody knows.
      // Rotating once more is harmless either way and hands the caller a password it knows.
      if (isAmbiguousFailure(error)) return resetOnce(name, authPlugin, signal);
      throw error;
    }
  }

  async function create(
    input: DigitalOceanCreateUserInput,
    options?: OperationOptions,
  ): Promise<UserWithPassword<DigitalOceanUser>> {
    const { signal } = requireOperationOptions(options, provider);
    const body = createBody(input, engine);
    return reconcileAmbiguousCreate({
      create: async () => {
        const result = await client.POST(USERS, { params: { path: cluster }, body, signal });
        return unwrap(result, digitalocean, readUserWithPassword("creation"));
      },
      // The request may have reached DigitalOcean before the answer was lost. Re-sending could only
      // fail (the name is taken); if the user exists, a reset hands the caller a password it knows.
      recover: async () => {
        await get(body.name, { signal });
        return resetOnce(body.name, input.authPlugin, signal);
      },
    });
  }

  return {
    provider,
    capabilities,
    clusterId,
    client,
    // DigitalOcean's list declares no pagination (no page/per_page, no links): one page holds every user.
    ...oneAnswerListing(provider, listOnce),
    get,
    create,
    resetPassword,
    async setPassword(_name: string, _password: string | Secret, options?: OperationOptions): Promise<void> {
      requireOperationOptions(options, provider);
      throw new UnsupportedOperationError(
        "digitalocean: passwords cannot be chosen; use resetPassword() to rotate to a generated one",
        { provider },
      );
    },
    async updateSettings(name, settings, options?: OperationOptions) {
      const { signal } = requireOperationOptions(options, provider);
      throwIfInvalid(
        [...checkPathSegment(name, "name"), ...checkSettings(settings, "settings", true)],
        provider,
      );
      const params = userPath(name);
      const result = await client.PUT(USER, { params, body: { settings }, signal });
      return unwrap(result, digitalocean, readUser);
    },
    async delete(name: string, options?: OperationOptions): Promise<void> {
      const { signal } = requireOperationOptions(options, provider);
      const params = userPath(name);
      // A 2xx is the answer that matters: whatever body came with it is not read as JSON.
      const result: FetchResult<unknown> = await client.DELETE(USER, { params, signal, parseAs: "text" });
      // A 404 to a re-send means the first attempt, whose answer was lost, deleted the user.
      unwrapDeletion(result, digitalocean);
    },
  };
}

/** Maps the common create input onto DigitalOcean's add-user body, rejecting what it cannot express. */
function createBody(
  input: DigitalOceanCreateUserInput,
  engine: DigitalOceanEngine | undefined,
): DigitalOceanCreateUserBody {
  throwIfInvalid(
    [
      ...checkPathSegment(input?.name, "name"),
      ...checkOptionalBoolean(input?.readOnly, "readOnly"),
      ...checkAuthPlugin(input?.authPlugin, "authPlugin"),
      ...(input?.settings === undefined ? [] : checkSettings(input.settings, "settings", false)),
    ],
    provider,
  );
  const { name } = input;
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
  if (input.readOnly === true && engine !== undefined && engine !== "mongodb") {
    throw new UnsupportedOperationError(
      `digitalocean: read-only users exist on MongoDB clusters only; this is a ${engine} cluster`,
      { provider },
    );
  }
  return {
    name,
    // Sent only when it changes something: `readonly: false` is the default, and DigitalOcean refuses
    // the flag outright on every engine but MongoDB.
    ...(input.readOnly === true ? { readonly: true } : {}),
    ...(input.authPlugin === undefined ? {} : { mysql_settings: { auth_plugin: input.authPlugin } }),
    ...(input.settings === undefined ? {} : { settings: input.settings }),
  };
}
