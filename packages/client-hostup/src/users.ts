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
  type ValidationIssue,
} from "@dbusers/core";
import {
  checkOptionalBoolean,
  checkPathSegment,
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
import { createHostUpClient, type HostUpClient, type HostUpClientOptions } from "./client.ts";
import { type HostUpUser, toDatabaseUser } from "./map-user.ts";
import { checkPassword, generateHostUpPassword, passwordValue } from "./password.ts";
import { checkDatabase, checkPrivileges, checkUsername } from "./rules.ts";
import type { HostUpCreateUserBody, HostUpDatabasePrivileges, HostUpPrivilege } from "./types.ts";
import { hostup } from "./vendor.ts";

const { provider } = hostup;
const USERS = "/shared-hosting/{accountId}/database-users";
const USER = "/shared-hosting/{accountId}/database-users/{username}";
const PASSWORD = "/shared-hosting/{accountId}/database-users/{username}/password";
const PRIVILEGES = "/shared-hosting/{accountId}/database-users/{username}/privileges";

export interface HostUpUsersOptions extends HostUpClientOptions {
  /**
   * The shared-hosting account's public ID (`acct_…`, from `GET /api/v2/shared-hosting` `data[].id`);
   * checked before any request.
   */
  accountId: string;
}

/** HostUp's create input is the common one: `password` is optional (a strong one is generated). */
export type HostUpCreateUserInput = CreateUserInput;

/** `DatabaseUsers` for one HostUp shared-hosting account, plus MySQL privileges per database. */
export interface HostUpUsers extends DatabaseUsers<HostUpUser, HostUpCreateUserInput> {
  readonly accountId: string;
  /** The raw typed openapi-fetch client the adapter uses, for operations it does not wrap. */
  readonly client: HostUpClient;
  /**
   * Grants `privileges` on one `database` of the account (`ALL PRIVILEGES` replaces the user's list on
   * it). Resolves with the user's privileges on that database afterwards, or `undefined` when HostUp
   * answers 204 without them.
   */
  grantPrivileges(
    name: string,
    database: string,
    privileges: readonly HostUpPrivilege[],
    options?: OperationOptions,
  ): Promise<HostUpDatabasePrivileges | undefined>;
  /**
   * Revokes `privileges` on one `database`, or every privilege on it when `privileges` is left out.
   * Resolves with the user's remaining privileges there, or `undefined` when HostUp answers 204 (its
   * documented answer: see the README).
   */
  revokePrivileges(
    name: string,
    database: string,
    privileges?: readonly HostUpPrivilege[],
    options?: OperationOptions,
  ): Promise<HostUpDatabasePrivileges | undefined>;
}

const CAPABILITIES: Capabilities = Object.freeze({
  get: true,
  // HostUp makes the caller choose: create and resetPassword generate one, setPassword sets a chosen one.
  setPassword: true,
  readOnly: false,
  // A user gets databases through privileges, granted after it exists: see `privileges`.
  databases: false,
  privileges: true,
  asyncOperations: false,
  notes: Object.freeze({
    get: "by listing: HostUp has no endpoint for one user",
    setPassword:
      "8 to 128 characters with an upper-case letter, a lower-case letter and a digit (unverified)",
    privileges: "grantPrivileges() and revokePrivileges(): MySQL privileges on one database at a time",
  }),
});

/**
 * Manages the MySQL database users of one HostUp shared-hosting account.
 *
 * ```ts
 * const users = createHostUpUsers({ token: process.env.HOSTUP_API_KEY!, accountId: "acct_…" });
 * const { user, password } = await users.create({ name: "reporting" });
 * await users.grantPrivileges("reporting", "abcde_shop", ["SELECT"]);
 * ```
 */
export function createHostUpUsers(options: HostUpUsersOptions): HostUpUsers {
  const accountId = requirePathSegment(options?.accountId, "accountId", provider);
  const client = createHostUpClient(options);
  const account = { accountId };
  // `{username}` takes a user's name or its `dbu_…` id: a lookup key, held to no rule but that it stays
  // one path segment (a new user's name is checked against HostUp's rule by create).
  const lookupKey = (name: unknown): string => requirePathSegment(name, "name", provider);
  const userPath = (key: string) => ({ path: { ...account, username: key } });

  async function listOnce(signal?: AbortSignal): Promise<HostUpUser[]> {
    const result = await client.GET(USERS, { params: { path: account }, signal });
    return unwrap(result, hostup, (data) =>
      expectArray(expectObject(data, "body").databaseUsers, "databaseUsers").map((user, i) =>
        toDatabaseUser(user, `databaseUsers[${i}]`),
      ),
    );
  }

  async function get(name: string, options?: OperationOptions): Promise<HostUpUser> {
    const { signal } = requireOperationOptions(options, provider);
    const key = lookupKey(name);
    const users = await listOnce(signal);
    // A `dbu_…` id before a name, should a user be named like another's id (HostUp does not say which
    // wins on its routes; ids are the ones that never change).
    const user = users.find((u) => u.id === key) ?? users.find((u) => u.name === key);
    if (!user) {
      throw new NotFoundError(`hostup: account ${accountId} has no database user ${JSON.stringify(key)}`, {
        provider,
      });
    }
    return user;
  }

  /**
   * Sets `password` (always one this adapter checked or chose) for the user `key`. A 2xx means HostUp
   * set it, so an answer whose body is unusable costs only the user object it should carry: `undefined`
   * then, as for a 204.
   */
  async function putPassword(
    key: string,
    password: string,
    signal: AbortSignal | undefined,
  ): Promise<HostUpUser | undefined> {
    try {
      const result = await client.PUT(PASSWORD, {
        params: userPath(key),
        body: { newPassword: password },
        signal,
      });
      return unwrap(result, hostup, unlessNoContent(result.response, toDatabaseUser));
    } catch (error) {
      if (error instanceof InvalidResponseError) return undefined;
      throw error;
    }
  }

  async function create(
    input: HostUpCreateUserInput,
    options?: OperationOptions,
  ): Promise<UserWithPassword<HostUpUser>> {
    const { signal } = requireOperationOptions(options, provider);
    const body = createBody(input);
    const password = new Secret(body.password);
    return reconcileAmbiguousCreate({
      create: async () => {
        const result = await client.POST(USERS, { params: { path: account }, body, signal });
        return { user: unwrap(result, hostup, (data) => toDatabaseUser(data)), password };
      },
      // The request may have reached HostUp before the answer was lost. Re-sending could only fail (the
      // name is taken); if the user exists, setting the password once more makes the one returned work.
      recover: async () => {
        const user = await get(body.username, { signal });
        await putPassword(user.id, body.password, signal);
        return { user, password };
      },
    });
  }

  return {
    provider,
    capabilities: CAPABILITIES,
    accountId,
    client,
    // HostUp's list is not paginated: one page holds every user.
    ...oneAnswerListing(provider, listOnce),
    get,
    create,
    async resetPassword(name: string, options?: OperationOptions) {
      const { signal } = requireOperationOptions(options, provider);
      const key = lookupKey(name);
      const password = generateHostUpPassword(key);
      // The adapter chose the password, so it is known whatever the answer carries: at worst the user
      // has to be looked up.
      const user = (await putPassword(key, password, signal)) ?? (await get(key, { signal }));
      return { user, password: new Secret(password) };
    },
    async setPassword(name: string, password: string | Secret, options?: OperationOptions) {
      const { signal } = requireOperationOptions(options, provider);
      throwIfInvalid([...checkPathSegment(name, "name"), ...checkPassword(password, "password")], provider);
      await putPassword(name, passwordValue(password), signal);
    },
    async delete(name: string, options?: OperationOptions): Promise<void> {
      const { signal } = requireOperationOptions(options, provider);
      // A 2xx is the answer that matters: whatever body came with it is not read as JSON.
      const result: FetchResult<unknown> = await client.DELETE(USER, {
        params: userPath(lookupKey(name)),
        signal,
        parseAs: "text",
      });
      // A 404 to a re-send means the first attempt, whose answer was lost, deleted the user.
      unwrapDeletion(result, hostup);
    },
    async grantPrivileges(name, database, granted, options?: OperationOptions) {
      const { signal } = requireOperationOptions(options, provider);
      throwIfInvalid(
        [
          ...checkPathSegment(name, "name"),
          ...checkDatabase(database, "database"),
          ...checkPrivileges(granted, "privileges"),
        ],
        provider,
      );
      const body = { database, privileges: [...granted] };
      const result = await client.POST(PRIVILEGES, { params: userPath(name), body, signal });
      return unwrap(result, hostup, unlessNoContent(result.response, readPrivileges));
    },
    async revokePrivileges(name, database, revoked, options?: OperationOptions) {
      const { signal } = requireOperationOptions(options, provider);
      throwIfInvalid(
        [
          ...checkPathSegment(name, "name"),
          ...checkDatabase(database, "database"),
          ...(revoked === undefined ? [] : checkPrivileges(revoked, "privileges")),
        ],
        provider,
      );
      // Without `privileges`, HostUp revokes every privilege on the database (unverified: see the README).
      const body = revoked === undefined ? { database } : { database, privileges: [...revoked] };
      const result = await client.DELETE(PRIVILEGES, { params: userPath(name), body, signal });
      return unwrap(result, hostup, unlessNoContent(result.response, readPrivileges));
    },
  };
}

/** Maps the common create input onto HostUp's body, with a generated password unless one was chosen. */
function createBody(input: HostUpCreateUserInput): HostUpCreateUserBody {
  const given = input?.password;
  const issues: ValidationIssue[] = [
    ...checkUsername(input?.name, "name"),
    ...(given === undefined ? [] : checkPassword(given, "password")),
    // Before the refusal of `readOnly: true` below: `"true"` is not a flag, whatever it would mean.
    ...checkOptionalBoolean(input?.readOnly, "readOnly"),
  ];
  throwIfInvalid(issues, provider);
  if (input.readOnly === true) {
    throw new UnsupportedOperationError(
      'hostup: users have no read-only flag; grant read privileges instead: grantPrivileges(name, database, ["SELECT"])',
      { provider },
    );
  }
  if (input.databases !== undefined) {
    throw new UnsupportedOperationError(
      "hostup: a new user has no databases; grant them after create() with grantPrivileges(name, database, privileges)",
      { provider },
    );
  }
  return {
    username: input.name,
    password: given === undefined ? generateHostUpPassword(input.name) : passwordValue(given),
  };
}

/** The `read` of an operation that HostUp may answer 200 with a body, or 204 without one (`undefined`). */
function unlessNoContent<T, R>(response: Response, read: (data: T) => R): (data: T) => R | undefined {
  return (data) => (response.status === 204 ? undefined : read(data));
}

/** The success body of a grant or revoke: the user's privileges on one database. */
function readPrivileges(data: HostUpDatabasePrivileges | undefined): HostUpDatabasePrivileges {
  const body = expectObject(data, "body");
  return {
    database: expectString(body.database, "database"),
    privileges: expectArray(body.privileges, "privileges").map((p, i) => expectString(p, `privileges[${i}]`)),
  };
}
