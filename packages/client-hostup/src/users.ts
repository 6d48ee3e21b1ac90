import {
  type Capabilities,
  type CreateUserInput,
  type DatabaseUsers,
  NotFoundError,
  type OperationOptions,
  Secret,
  UnsupportedOperationError,
  type UserWithPassword,
  type ValidationIssue,
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
  type MutationRun,
  mutationsOf,
  oneAnswerListing,
  requireOperationOptions,
  requirePathSegment,
  resetUntilKnown,
  throwIfInvalid,
  unwrap,
  unwrapDeletion,
} from "@dbusers/core/adapter";
import { createHostUpClient, type HostUpClient, type HostUpClientOptions } from "./client.ts";
import { readGuessed } from "./guessed-body.ts";
import { type HostUpUser, toDatabaseUser } from "./map-user.ts";
import { checkPassword, generateHostUpPassword, passwordValue } from "./password.ts";
import { canonicalPrivilege, checkDatabase, checkPrivileges, checkUsername } from "./rules.ts";
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
   * it). Resolves with the user's privileges on that database afterwards, or `undefined` when HostUp's
   * answer does not carry them (a 204, or a 2xx body that cannot be read: the spec only guesses it).
   */
  grantPrivileges(
    name: string,
    database: string,
    privileges: readonly HostUpPrivilege[],
    options?: OperationOptions,
  ): Promise<HostUpDatabasePrivileges | undefined>;
  /**
   * Revokes `privileges` on one `database`, or every privilege on it when `privileges` is left out.
   * Resolves with the user's remaining privileges there, or `undefined` when HostUp's answer does not
   * carry them (a 204, the spec's guess, or a 2xx body that cannot be read).
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
      "HostUp documents no rule; it may refuse what its cPanel rule refuses, 8 to 128 characters with an upper-case letter, a lower-case letter and a digit (unverified)",
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
  const mutations = mutationsOf(provider, accountId, options);
  // `{username}` takes a user's name or its `dbu_…` id: a lookup key, held to no rule but that it stays
  // one path segment (a new user's name is checked against HostUp's rule by create).
  const lookupKey = (name: unknown): string => requirePathSegment(name, "name", provider);
  const userPath = (key: string) => ({ path: { ...account, username: key } });

  async function listOnce(call: Partial<Call> = {}): Promise<HostUpUser[]> {
    const result = await client.GET(USERS, { params: { path: account }, ...call });
    return unwrap(result, hostup, (data) =>
      expectArray(expectObject(data, "body").databaseUsers, "databaseUsers").map((user, i) =>
        toDatabaseUser(user, `databaseUsers[${i}]`),
      ),
    );
  }

  /**
   * The user `key` addresses, as HostUp's routes read it: a `dbu_…` id before a name, should a user be
   * named like another's id (HostUp does not say which wins; ids are the ones that never change).
   */
  async function byKey(key: string, call: Partial<Call>): Promise<HostUpUser | undefined> {
    const users = await listOnce(call);
    return users.find((u) => u.id === key) ?? users.find((u) => u.name === key);
  }

  /** The user called `name`, never one whose id is `name`: what a create may claim as its own. */
  async function byName(name: string, call: Call): Promise<HostUpUser | undefined> {
    return (await listOnce(call)).find((u) => u.name === name);
  }

  async function getByKey(key: string, call: Partial<Call>): Promise<HostUpUser> {
    const user = await byKey(key, call);
    if (!user) {
      throw new NotFoundError(`hostup: account ${accountId} has no database user ${JSON.stringify(key)}`, {
        provider,
        status: 404,
      });
    }
    return user;
  }

  async function get(name: string, options?: OperationOptions): Promise<HostUpUser> {
    const { signal, deadlineMs } = requireOperationOptions(options, provider);
    return getByKey(lookupKey(name), { signal, deadlineMs });
  }

  /** Sets `password` (the caller's or one this adapter chose) for the user `key`; the user, if the answer has it. */
  async function putPassword(key: string, password: string, call: Call): Promise<HostUpUser | undefined> {
    const body = { newPassword: password };
    const result = await client.PUT(PASSWORD, { params: userPath(key), body, ...call, parseAs: "text" });
    return unwrap(result, hostup, readGuessed(toDatabaseUser));
  }

  async function create(
    input: HostUpCreateUserInput,
    options?: OperationOptions,
  ): Promise<UserWithPassword<HostUpUser>> {
    return mutations.run("create", input?.name, options, (run) => {
      const body = createBody(input);
      const name = body.username;
      const password = new Secret(body.password);
      return createUser(provider, run, {
        name,
        find: (call) => byName(name, call),
        send: async (call) => {
          const result = await client.POST(USERS, { params: { path: account }, body, ...call });
          return { user: unwrap(result, hostup, (data) => toDatabaseUser(data)), password };
        },
        // A taken name is HostUp's 409, already a ConflictError. The adapter chose the password: the user
        // this call made gets it once more (the lost answer cannot say whether it took), by its id.
        claim: async (user, call) => {
          await putPassword(user.id, body.password, call);
          return { user, password };
        },
      });
    });
  }

  async function resetPassword(name: string, options?: OperationOptions) {
    return mutations.run("resetPassword", name, options, async (run) => {
      const key = lookupKey(name);
      // Every send sets the same password, chosen here: whichever took, it is the one handed back.
      const password = generateHostUpPassword(key);
      const answered = await resetUntilKnown(run, (call) => putPassword(key, password, call));
      // An answer without the user (a 204, a body that cannot be read) costs a lookup, not the password.
      const user =
        answered ??
        (await run.readRetrying("lookup after the password change", (call) => getByKey(key, call)));
      return { user, password: new Secret(password) };
    });
  }

  /** A grant's or a revoke's request; its answer is a guess, so any 2xx resolves (`undefined` if unread). */
  async function changePrivileges(
    run: MutationRun,
    step: string,
    request: (call: Call) => Promise<FetchResult<string>>,
  ): Promise<HostUpDatabasePrivileges | undefined> {
    return run.send(step, async (call) => unwrap(await request(call), hostup, readGuessed(readPrivileges)));
  }

  return {
    provider,
    capabilities: CAPABILITIES,
    accountId,
    client,
    // HostUp's list is not paginated: one page holds every user.
    ...oneAnswerListing(provider, (signal) => listOnce({ signal })),
    get,
    create,
    resetPassword,
    async setPassword(name: string, password: string | Secret, options?: OperationOptions) {
      await mutations.run("setPassword", name, options, (run) => {
        throwIfInvalid([...checkPathSegment(name, "name"), ...checkPassword(password, "password")], provider);
        const value = passwordValue(password);
        return run.send("password request", (call) => putPassword(name, value, call));
      });
    },
    async delete(name: string, options?: OperationOptions): Promise<void> {
      await mutations.run("delete", name, options, (run) => {
        const key = lookupKey(name);
        return deleteUser(provider, run, key, {
          // Sent to the `dbu_…` id of the user found first: a user made later under the name has another.
          immutableId: true,
          find: (call) => byKey(key, call),
          send: async (target, call) => {
            const id = typeof target === "string" ? target : target.id;
            // A 2xx is the answer that matters: whatever body came with it is not read as JSON.
            const request = { params: userPath(id), ...call, parseAs: "text" as const };
            const result: FetchResult<unknown> = await client.DELETE(USER, request);
            // A 404 to a re-send means the first attempt, whose answer was lost, deleted the user.
            unwrapDeletion(result, hostup);
          },
        });
      });
    },
    async grantPrivileges(name, database, granted, options?: OperationOptions) {
      return mutations.run("grantPrivileges", name, options, (run) => {
        throwIfInvalid(
          [
            ...checkPathSegment(name, "name"),
            ...checkDatabase(database, "database"),
            ...checkPrivileges(granted, "privileges"),
          ],
          provider,
        );
        const body = { database, privileges: granted.map(canonicalPrivilege) as HostUpPrivilege[] };
        return changePrivileges(run, "grant request", (call) =>
          client.POST(PRIVILEGES, { params: userPath(name), body, ...call, parseAs: "text" }),
        );
      });
    },
    async revokePrivileges(name, database, revoked, options?: OperationOptions) {
      return mutations.run("revokePrivileges", name, options, (run) => {
        throwIfInvalid(
          [
            ...checkPathSegment(name, "name"),
            ...checkDatabase(database, "database"),
            ...(revoked === undefined ? [] : checkPrivileges(revoked, "privileges")),
          ],
          provider,
        );
        // Without `privileges`, HostUp revokes every privilege on the database (unverified: see the README).
        const body =
          revoked === undefined
            ? { database }
            : { database, privileges: revoked.map(canonicalPrivilege) as HostUpPrivilege[] };
        return changePrivileges(run, "revoke request", (call) =>
          client.DELETE(PRIVILEGES, { params: userPath(name), body, ...call, parseAs: "text" }),
        );
      });
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

/** A grant's or a revoke's body: the user's privileges on one database (a guess, read by `readGuessed`). */
function readPrivileges(data: HostUpDatabasePrivileges | undefined): HostUpDatabasePrivileges {
  const body = expectObject(data, "body");
  return {
    database: expectString(body.database, "database"),
    privileges: expectArray(body.privileges, "privileges").map((p, i) => expectString(p, `privileges[${i}]`)),
  };
}
