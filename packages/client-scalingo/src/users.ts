import {
  type Capabilities,
  type CreateUserInput,
  type DatabaseUsers,
  InvalidResponseError,
  NotFoundError,
  type OperationOptions,
  Secret,
  UnsupportedOperationError,
  type UserWithPassword,
} from "@dbusers/core";
import {
  checkOptionalBoolean,
  expectArray,
  expectObject,
  expectString,
  type FetchResult,
  oneAnswerListing,
  reconcileAmbiguousCreate,
  requireOperationOptions,
  requirePathSegment,
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
  const protectedUsers = new ProtectedUsers();

  /** The path of a user that may be changed: a valid segment, not known to be protected. */
  function changeable(name: string, change: ProtectedChange) {
    const username = requirePathSegment(name, "name", provider);
    protectedUsers.refuseKnown(username, change);
    return { path: { ...database, username } };
  }

  /** Runs a change, turning Scalingo's refusal of a protected user into a `PermissionError`. */
  async function changing<T>(name: string, change: () => Promise<T>): Promise<T> {
    try {
      return await change();
    } catch (error) {
      throw protectedUsers.fromVendor(error, name);
    }
  }

  async function listOnce(signal?: AbortSignal): Promise<ScalingoUser[]> {
    const result = await client.GET(USERS, { params: { path: database }, signal });
    const users = unwrap(result, scalingo, (data) =>
      // The root key has a hyphen, where the singular key has an underscore.
      expectArray(expectObject(data, "body")["database-users"], "database-users").map((user, i) =>
        toDatabaseUser(user, `database-users[${i}]`),
      ),
    );
    protectedUsers.learn(users);
    return users;
  }

  async function get(name: string, options?: OperationOptions): Promise<ScalingoUser> {
    const { signal } = requireOperationOptions(options, provider);
    requirePathSegment(name, "name", provider);
    // There is no operation that reads one user: list and pick, as the CLI does.
    const user = (await listOnce(signal)).find((candidate) => candidate.name === name);
    if (!user)
      throw new NotFoundError(`scalingo: database ${databaseId} has no user "${name}"`, { provider });
    return user;
  }

  async function setPasswordOnce(name: string, password: Secret, signal?: AbortSignal): Promise<void> {
    const params = changeable(name, "changed");
    const value = password.reveal();
    const body = {
      database_user: { database_id: databaseId, password: value, password_confirmation: value },
    };
    await changing(name, async () => {
      // The answer's body is not needed (Scalingo's documentation shows none): it is not read as JSON.
      const result: FetchResult<unknown> = await client.PATCH(USER, {
        params,
        body,
        signal,
        parseAs: "text",
      });
      unwrap(result, scalingo);
    });
  }

  async function resetOnce(name: string, signal?: AbortSignal): Promise<UserWithPassword<ScalingoUser>> {
    const params = changeable(name, "changed");
    return changing(name, async () => {
      // go-scalingo posts `{}`, scalingo.js nothing; Scalingo generates the password.
      const result = await client.POST(RESET_PASSWORD, { params, body: {}, signal });
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
    const { signal } = requireOperationOptions(options, provider);
    const { body, password } = createBody(input, databaseId);
    const { name } = body.database_user;
    return reconcileAmbiguousCreate({
      create: async () => {
        const result = await client.POST(USERS, { params: { path: database }, body, signal });
        return unwrap(result, scalingo, (data) => ({ user: toDatabaseUser(userOf(data)), password }));
      },
      // The create may have reached Scalingo before its answer was lost. Re-sending could only fail
      // (the name is taken); if the user exists, setting the password the caller gets makes it work.
      recover: async () => {
        const user = await get(name, { signal });
        await setPasswordOnce(name, password, signal);
        return { user, password };
      },
    });
  }

  return {
    provider,
    capabilities,
    databaseId,
    client,
    // Scalingo's list is not paginated: one answer holds every user.
    ...oneAnswerListing(provider, listOnce),
    get,
    create,
    async resetPassword(name: string, options?: OperationOptions) {
      const { signal } = requireOperationOptions(options, provider);
      try {
        return await resetOnce(name, signal);
      } catch (error) {
        // A 2xx whose body is unusable rotated the password to one nobody knows; rotating once more
        // hands the caller a password it knows.
        if (error instanceof InvalidResponseError) return resetOnce(name, signal);
        throw error;
      }
    },
    async setPassword(name: string, password: string | Secret, options?: OperationOptions) {
      const { signal } = requireOperationOptions(options, provider);
      requirePathSegment(name, "name", provider);
      throwIfInvalid(checkPassword(password), provider);
      await setPasswordOnce(name, Secret.from(password), signal);
    },
    async delete(name: string, options?: OperationOptions): Promise<void> {
      const { signal } = requireOperationOptions(options, provider);
      const params = changeable(name, "deleted");
      await changing(name, async () => {
        // A 2xx is the answer that matters: whatever body came with it is not read as JSON.
        const result: FetchResult<unknown> = await client.DELETE(USER, { params, signal, parseAs: "text" });
        // A 404 to a re-send means the first attempt, whose answer was lost, deleted the user.
        unwrapDeletion(result, scalingo);
      });
    },
  };
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
