import {
  type Capabilities,
  type CreateUserInput,
  type DatabaseUsers,
  NotFoundError,
  type OperationOptions,
  type Secret,
  UnsupportedOperationError,
  type UserWithPassword,
} from "@dbusers/core";
import {
  type Call,
  checkOptionalBoolean,
  checkPathSegment,
  createUser,
  deleteUser,
  expectArray,
  expectObject,
  type FetchResult,
  mutationsOf,
  oneAnswerListing,
  requireOperationOptions,
  requirePathSegment,
  requireUuid,
  resetUntilKnown,
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

/** A list's body; `users` is not required by the spec: a missing array means no users. */
function readUsers(data: { users?: DigitalOceanDatabaseUser[] } | undefined): DigitalOceanUser[] {
  return expectArray(expectObject(data, "body").users ?? [], "users").map((user, i) =>
    toDatabaseUser(user, `users[${i}]`),
  );
}

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
  const listParams = { path: cluster };
  // DigitalOcean answers 5xx to concurrent user creates on one cluster: its mutations go one at a time.
  const mutations = mutationsOf(provider, clusterId, options, { serializeMutations: true });
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

  // `then`, not an async function: a listing is the call made most often, and an async function's
  // frame is one more object each time.
  const unwrapList = (result: FetchResult<{ users?: DigitalOceanDatabaseUser[] }>) =>
    unwrap(result, digitalocean, readUsers);
  function listOnce(signal?: AbortSignal): Promise<DigitalOceanUser[]> {
    return client.GET(USERS, { params: listParams, signal }).then(unwrapList);
  }

  async function get(name: string, options?: OperationOptions): Promise<DigitalOceanUser> {
    const { signal } = requireOperationOptions(options, provider);
    const params = userPath(name);
    return unwrap(await client.GET(USER, { params, signal }), digitalocean, readUser);
  }

  /** The user called `name`, or `undefined` (DigitalOcean answers 404). */
  async function find(name: string, call: Call): Promise<DigitalOceanUser | undefined> {
    return get(name, call).catch((error: unknown) => {
      if (error instanceof NotFoundError) return undefined;
      throw error;
    });
  }

  async function resetOnce(
    name: string,
    authPlugin: DigitalOceanAuthPlugin | undefined,
    call: Call,
  ): Promise<UserWithPassword<DigitalOceanUser>> {
    const params = userPath(name);
    const body = authPlugin === undefined ? {} : { mysql_settings: { auth_plugin: authPlugin } };
    const result = await client.POST(RESET_AUTH, { params, body, ...call });
    return unwrap(result, digitalocean, readUserWithPassword("password reset"));
  }

  async function resetPassword(
    name: string,
    options?: DigitalOceanResetPasswordOptions,
  ): Promise<UserWithPassword<DigitalOceanUser>> {
    return mutations.run("resetPassword", name, options, (run, { authPlugin }) => {
      throwIfInvalid(
        [...checkPathSegment(name, "name"), ...checkAuthPlugin(authPlugin, "authPlugin")],
        provider,
      );
      return resetUntilKnown(run, (call) => resetOnce(name, authPlugin, call));
    });
  }

  async function create(
    input: DigitalOceanCreateUserInput,
    options?: OperationOptions,
  ): Promise<UserWithPassword<DigitalOceanUser>> {
    return mutations.run("create", input?.name, options, (run) => {
      const body = createBody(input, engine);
      const { name } = body;
      return createUser(provider, run, {
        name,
        readOnly: input.readOnly,
        find: (call) => find(name, call),
        send: async (call) => {
          const result = await client.POST(USERS, { params: { path: cluster }, body, ...call });
          return unwrap(result, digitalocean, readUserWithPassword("creation"));
        },
        // DigitalOcean documents no answer for a taken name; what it sends is a 422 saying so.
        isNameTaken: (error) => error.status === 422 && /already exists/i.test(error.message),
        // DigitalOcean generates passwords: the one the lost answer carried is gone, a reset makes another.
        claim: (_user, call) => resetOnce(name, input.authPlugin, call),
      });
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
      return mutations.run("updateSettings", name, options, (run) => {
        throwIfInvalid(
          [...checkPathSegment(name, "name"), ...checkSettings(settings, "settings", true)],
          provider,
        );
        const params = userPath(name);
        return run.send("update request", async (call) =>
          unwrap(await client.PUT(USER, { params, body: { settings }, ...call }), digitalocean, readUser),
        );
      });
    },
    async delete(name: string, options?: OperationOptions): Promise<void> {
      await mutations.run("delete", name, options, (run) => {
        const params = userPath(name);
        return deleteUser(provider, run, name, {
          // DigitalOcean addresses users by name alone.
          immutableId: false,
          find: (call) => find(name, call),
          send: async (_target, call) => {
            // Not re-sent by the transport after a lost answer: the engine looks first. A 2xx is the answer
            // that matters: whatever body came with it is not read as JSON.
            const options = { params, ...call, idempotent: false, parseAs: "text" as const };
            const result: FetchResult<unknown> = await client.DELETE(USER, options);
            unwrapDeletion(result, digitalocean);
          },
        });
      });
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
