import {
  type Capabilities,
  type CreateUserInput,
  type DatabaseUsers,
  type DatabaseUsersError,
  NotFoundError,
  type OperationOptions,
  Secret,
  UnsupportedOperationError,
  type UserWithPassword,
  ValidationError,
} from "@dbusers/core";
import {
  type Call,
  checkOptionalBoolean,
  checkPathSegment,
  createUser,
  deleteUser,
  expectArray,
  expectObject,
  expectString,
  type FetchResult,
  mutationsOf,
  oneAnswerListing,
  requireOperationOptions,
  requirePathSegment,
  resetUntilKnown,
  throwIfInvalid,
  unwrap,
  unwrapDeletion,
} from "@dbusers/core/adapter";
import {
  createScalingoClient,
  type ScalingoApiTokenOptions,
  type ScalingoClient,
  type ScalingoDatabaseTokenOptions,
} from "./client.ts";
import { type ScalingoUser, toDatabaseUser, userOf } from "./map-user.ts";
import { type ProtectedChange, ProtectedUsers } from "./protected-users.ts";
import { checkNewUserName, checkPassword, newPassword } from "./rules.ts";
import type { ScalingoCreateUserBody } from "./types.ts";
import { scalingo } from "./vendor.ts";

const { provider } = scalingo;
const USERS = "/api/databases/{database_id}/users";
const USER = "/api/databases/{database_id}/users/{username}";
const RESET_PASSWORD = "/api/databases/{database_id}/users/{username}/reset_password";

/**
 * The adapter's options: an API token with the app and the addon (the adapter runs the token flow; the
 * addon id is the database id), or a Database API token with the database id.
 */
export type ScalingoUsersOptions =
  | ScalingoApiTokenOptions
  | (ScalingoDatabaseTokenOptions & {
      /** The database's id: its addon's `id` (`ad-…`). */
      databaseId: string;
    });

/** `DatabaseUsers` for one Scalingo database (addon). */
export interface ScalingoUsers extends DatabaseUsers<ScalingoUser> {
  /** The database's id, which is its addon's id. */
  readonly databaseId: string;
  /** The raw typed openapi-fetch client of the Database API the adapter uses. */
  readonly client: ScalingoClient;
}

const capabilities: Capabilities = Object.freeze({
  get: true,
  setPassword: true,
  readOnly: true,
  // A user reaches the whole database of its addon; there is nothing to choose.
  databases: false,
  privileges: false,
  asyncOperations: false,
  notes: Object.freeze({ get: "by listing: Scalingo has no operation that reads one user" }),
});

/**
 * Manages the users of one Scalingo database addon.
 *
 * ```ts
 * const users = createScalingoUsers({ apiToken: process.env.SCALINGO_API_TOKEN!, appId, addonId });
 * const { user, password } = await users.create({ name: "reporting", readOnly: true });
 * ```
 */
export function createScalingoUsers(options: ScalingoUsersOptions): ScalingoUsers {
  const client = createScalingoClient(options);
  // With an API token, the addon's id is the database's (and was checked by the client).
  const databaseId =
    options.apiToken === undefined
      ? requirePathSegment(options.databaseId, "databaseId", provider)
      : options.addonId;
  const database = { database_id: databaseId };
  const mutations = mutationsOf(provider, databaseId, options);
  const protectedUsers = new ProtectedUsers();

  const userPath = (name: string) => ({
    path: { ...database, username: requirePathSegment(name, "name", provider) },
  });

  /** The path of a user that may be changed: a valid segment, not known to be protected. */
  function changeable(name: string, change: ProtectedChange) {
    const params = userPath(name);
    protectedUsers.refuseKnown(name, change);
    return params;
  }

  /** Runs a change, turning Scalingo's refusal of a protected user into a `PermissionError`. */
  async function changing<T>(name: string, change: () => Promise<T>): Promise<T> {
    try {
      return await change();
    } catch (error) {
      throw protectedUsers.fromVendor(error, name);
    }
  }

  async function listOnce(call?: OperationOptions): Promise<ScalingoUser[]> {
    const result = await client.GET(USERS, { params: { path: database }, ...call });
    const users = unwrap(result, scalingo, (data) =>
      // The root key has a hyphen, where the singular key has an underscore.
      expectArray(expectObject(data, "body")["database-users"], "database-users").map((user, i) =>
        toDatabaseUser(user, `database-users[${i}]`),
      ),
    );
    protectedUsers.learn(users);
    return users;
  }

  /** The user called exactly `name`, or `undefined`: there is no operation that reads one user. */
  async function find(name: string, call?: OperationOptions): Promise<ScalingoUser | undefined> {
    return (await listOnce(call)).find((candidate) => candidate.name === name);
  }

  async function get(name: string, options?: OperationOptions): Promise<ScalingoUser> {
    const { signal, deadlineMs } = requireOperationOptions(options, provider);
    requirePathSegment(name, "name", provider);
    const user = await find(name, { signal, deadlineMs });
    if (!user) {
      // The status Scalingo gives an unknown user elsewhere, so that every vendor's missing user reads alike.
      throw new NotFoundError(`scalingo: database ${databaseId} has no user "${name}"`, {
        provider,
        status: 404,
      });
    }
    return user;
  }

  async function setPasswordOnce(name: string, password: Secret, call: Call): Promise<void> {
    const value = password.reveal();
    const body = {
      database_user: { database_id: databaseId, password: value, password_confirmation: value },
    };
    await changing(name, async () => {
      // The answer's body is not needed (Scalingo's documentation shows none): it is not read as JSON.
      // Setting the same password twice does no more than once: the transport may send it again.
      const result: FetchResult<unknown> = await client.PATCH(USER, {
        params: userPath(name),
        body,
        ...call,
        idempotent: true,
        parseAs: "text",
      });
      unwrap(result, scalingo);
    });
  }

  async function resetOnce(name: string, call: Call): Promise<UserWithPassword<ScalingoUser>> {
    return changing(name, async () => {
      // go-scalingo posts `{}`, scalingo.js nothing; Scalingo generates the password.
      const result = await client.POST(RESET_PASSWORD, { params: userPath(name), body: {}, ...call });
      return unwrap(result, scalingo, (data) => {
        const user = userOf(data);
        return {
          user: toDatabaseUser(user),
          password: new Secret(expectString(user.password, "database_user.password")),
        };
      });
    });
  }

  async function create(
    input: CreateUserInput,
    options?: OperationOptions,
  ): Promise<UserWithPassword<ScalingoUser>> {
    const name = input?.name;
    return mutations.run("create", name, options, (run) => {
      const { body, password } = createBody(input, databaseId);
      return createUser(provider, run, {
        name,
        readOnly: body.database_user.read_only,
        find: (call) => find(name, call),
        send: async (call) => {
          const result = await client.POST(USERS, { params: { path: database }, body, ...call });
          return unwrap(result, scalingo, (data) => ({ user: toDatabaseUser(userOf(data)), password }));
        },
        isNameTaken,
        // The adapter chose the password: setting it again makes the user this call made work with it.
        claim: async (user, call) => {
          await setPasswordOnce(name, password, call);
          return { user, password };
        },
      });
    });
  }

  return {
    provider,
    capabilities,
    databaseId,
    client,
    // Scalingo's list is not paginated: one answer holds every user.
    ...oneAnswerListing(provider, (signal) => listOnce({ signal })),
    get,
    create,
    async resetPassword(name: string, options?: OperationOptions) {
      return mutations.run("resetPassword", name, options, (run) => {
        changeable(name, "changed");
        return resetUntilKnown(run, (call) => resetOnce(name, call));
      });
    },
    async setPassword(name: string, password: string | Secret, options?: OperationOptions) {
      await mutations.run("setPassword", name, options, (run) => {
        throwIfInvalid([...checkPathSegment(name, "name"), ...checkPassword(password)], provider);
        protectedUsers.refuseKnown(name, "changed");
        return run.send("password request", (call) => setPasswordOnce(name, Secret.from(password), call));
      });
    },
    async delete(name: string, options?: OperationOptions): Promise<void> {
      await mutations.run("delete", name, options, (run) => {
        const params = changeable(name, "deleted");
        return deleteUser(provider, run, name, {
          // Scalingo addresses users by name alone.
          immutableId: false,
          find: (call) => find(name, call),
          send: (_target, call) =>
            changing(name, async () => {
              // Not re-sent by the transport after a lost answer: the engine looks first. A 2xx is the
              // answer that matters: whatever body came with it is not read as JSON.
              const options = { params, ...call, idempotent: false, parseAs: "text" as const };
              const result: FetchResult<unknown> = await client.DELETE(USER, options);
              unwrapDeletion(result, scalingo);
            }),
        });
      });
    },
  };
}

/** Scalingo's answer to a taken name: a 422 whose `name` field "has already been taken". */
function isNameTaken(error: DatabaseUsersError): boolean {
  return (
    error instanceof ValidationError &&
    (error.issues ?? []).some((issue) => issue.path === "name" && /already been taken/i.test(issue.message))
  );
}

/**
 * Scalingo's create body, from the common input, after the rules: the name's, and the password's when
 * the caller chose one. Without one, the adapter chooses it: the caller always gets a password it knows.
 * Both official clients always send `database_id` (the addon id) and `read_only`; so does this one.
 */
function createBody(
  input: CreateUserInput,
  databaseId: string,
): { body: ScalingoCreateUserBody; password: Secret } {
  const given = input ?? ({} as Partial<CreateUserInput>);
  if (given.databases !== undefined) {
    throw new UnsupportedOperationError(
      "scalingo: a user reaches the whole database of its addon; `databases` cannot be chosen",
      { provider },
    );
  }
  throwIfInvalid(
    [
      ...checkNewUserName(given.name),
      ...(given.password === undefined ? [] : checkPassword(given.password)),
      ...checkOptionalBoolean(given.readOnly, "readOnly"),
    ],
    provider,
  );
  const password = given.password === undefined ? newPassword() : Secret.from(given.password);
  const value = password.reveal();
  return {
    body: {
      database_user: {
        database_id: databaseId,
        name: given.name as string,
        read_only: given.readOnly ?? false,
        password: value,
        password_confirmation: value,
      },
    },
    password,
  };
}
