import { randomBytes, randomInt } from "node:crypto";
import { hostupErrors } from "./errors.ts";
import type { components } from "./generated/schema.ts";

// The API's shapes come from the spec (src/vendors/hostup/generated/, `pnpm generate`).
type Schemas = components["schemas"];
export type HostUpPrivilege = Schemas["mysql_privilege"];
type DatabaseUser = Schemas["database_user"];
type DatabasePrivileges = Schemas["database_privileges"];

const ALL = "ALL PRIVILEGES";
/**
 * What `ALL PRIVILEGES` stands for, for revoking one privilege from a user who has them all (MySQL
 * then keeps the others). test/hostup/privileges.test.ts checks it against the spec's enum.
 */
export const EACH_PRIVILEGE: readonly HostUpPrivilege[] = [
  "ALTER",
  "ALTER ROUTINE",
  "CREATE",
  "CREATE ROUTINE",
  "CREATE TEMPORARY TABLES",
  "CREATE VIEW",
  "DELETE",
  "DROP",
  "EVENT",
  "EXECUTE",
  "INDEX",
  "INSERT",
  "LOCK TABLES",
  "REFERENCES",
  "SELECT",
  "SHOW VIEW",
  "TRIGGER",
  "UPDATE",
];

/**
 * A database user as the simulator holds it: HostUp's user object, plus what HostUp keeps but never
 * returns with it: the password, and the privileges per database (spec order, `ALL PRIVILEGES` alone).
 */
export interface HostUpUser extends DatabaseUser {
  password: string;
  privileges: Record<string, HostUpPrivilege[]>;
}

/** A user for the control handle; unlike the API's create, any name is taken, as cPanel's users may have. */
export interface HostUpUserInput {
  username: string;
  /** Default: crypto-random. */
  password?: string;
  /** Default: a new `dbu_…` id. */
  id?: string;
  /** Default `localhost`. */
  host?: string | null;
  /** Privileges per database; each database must be one of the account's. */
  privileges?: Record<string, readonly HostUpPrivilege[]>;
}

export interface HostUpAccountInput {
  /** Default: a new `acct_…` id. */
  id?: string;
  /** The account's MySQL databases (what `GET …/databases` would list), e.g. `abcde_wp_example`. */
  databases?: readonly string[];
  users?: readonly HostUpUserInput[];
}

export interface HostUpAccount {
  id: string;
  databases: string[];
  users: HostUpUser[];
}

export interface HostUpSeed {
  accounts?: readonly HostUpAccountInput[];
}

interface AccountRecord {
  id: string;
  databases: Set<string>;
  /** By id, in creation order (the order HostUp lists them in). */
  users: Map<string, UserRecord>;
}

interface UserRecord extends DatabaseUser {
  password: string;
  privileges: Map<string, Set<HostUpPrivilege>>;
}

// ULID-like public ids: Crockford's base32, lower case, as HostUp's examples (`dbu_01hxa3b4…`).
const ID_ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";

function publicId(prefix: string): string {
  let id = `${prefix}_01`;
  for (let i = 0; i < 24; i++) id += ID_ALPHABET[randomInt(ID_ALPHABET.length)];
  return id;
}

/** A crypto-random password that meets the spec's rule (upper, lower, digit), for seeded users. */
function seededPassword(): string {
  return `Hu7${randomBytes(18).toString("base64url")}`;
}

/** The in-memory state of the HostUp module: accounts, their databases, users and privileges. */
export class HostUpState {
  readonly #accounts = new Map<string, AccountRecord>();

  clear(): void {
    this.#accounts.clear();
  }

  addAccount(input: HostUpAccountInput = {}): HostUpAccount {
    const id = input.id ?? publicId("acct");
    if (this.#accounts.has(id)) throw new Error(`account ${id} already exists`);
    const record: AccountRecord = { id, databases: new Set(input.databases), users: new Map() };
    this.#accounts.set(id, record);
    for (const user of input.users ?? []) this.#insert(record, user);
    return snapshot(record);
  }

  getAccount(id: string): HostUpAccount | undefined {
    const record = this.#accounts.get(id);
    return record && snapshot(record);
  }

  listAccounts(): HostUpAccount[] {
    return [...this.#accounts.values()].map(snapshot);
  }

  removeAccount(id: string): boolean {
    return this.#accounts.delete(id);
  }

  /** Control handle: adds a user to an existing account; throws on a taken name or id, or an unknown database. */
  addUser(accountId: string, input: HostUpUserInput): HostUpUser {
    const record = this.#accounts.get(accountId);
    if (!record) throw new Error(`no HostUp account ${accountId} in the simulator`);
    return toUser(this.#insert(record, input));
  }

  /** The user `key` (its id or its name) with password and privileges, or `undefined`. */
  findUser(accountId: string, key: string): HostUpUser | undefined {
    const record = this.#accounts.get(accountId);
    const user = record && lookup(record, key);
    return user && toUser(user);
  }

  /** Control handle: removes a user; `false` if there was none. */
  removeUser(accountId: string, key: string): boolean {
    const record = this.#accounts.get(accountId);
    if (!record) return false;
    const user = lookup(record, key);
    return user !== undefined && record.users.delete(user.id);
  }

  /** Puts `user` back as it was (a change the real server refused); it keeps its id. */
  putUser(accountId: string, user: HostUpUser): void {
    const record = this.#accounts.get(accountId);
    if (!record) return;
    const privileges = new Map(
      Object.entries(user.privileges).map(([database, held]) => [database, new Set(held)]),
    );
    record.users.set(user.id, {
      id: user.id,
      username: user.username,
      host: user.host,
      password: user.password,
      privileges,
    });
  }

  // The operations below are the API's: they answer HostUp's errors.

  listUsers(accountId: string): DatabaseUser[] {
    return [...this.#account(accountId).users.values()].map(toDatabaseUser);
  }

  createUser(accountId: string, username: string, password: string): DatabaseUser {
    const record = this.#account(accountId);
    refuseWeak(username, password);
    return toDatabaseUser(this.#insert(record, { username, password }));
  }

  deleteUser(accountId: string, key: string): void {
    const record = this.#account(accountId);
    record.users.delete(this.#user(record, key).id);
  }

  setPassword(accountId: string, key: string, password: string): DatabaseUser {
    const user = this.#user(this.#account(accountId), key);
    refuseWeak(user.username, password);
    user.password = password;
    return toDatabaseUser(user);
  }

  /** Adds `privileges` on `database` (as MySQL's GRANT does); `ALL PRIVILEGES` replaces the list. */
  grant(
    accountId: string,
    key: string,
    database: string,
    privileges: readonly HostUpPrivilege[],
  ): DatabasePrivileges {
    const record = this.#account(accountId);
    const user = this.#user(record, key);
    const held = user.privileges.get(knownDatabase(record, database)) ?? new Set<HostUpPrivilege>();
    const next: Set<HostUpPrivilege> =
      privileges.includes(ALL) || held.has(ALL) ? new Set([ALL]) : new Set([...held, ...privileges]);
    user.privileges.set(database, next);
    return { database, privileges: ordered(next) };
  }

  /** Removes `privileges` on `database`, or all of them when none are named (or `ALL PRIVILEGES` is). */
  revoke(
    accountId: string,
    key: string,
    database: string,
    privileges: readonly HostUpPrivilege[] | undefined,
  ): void {
    const record = this.#account(accountId);
    const user = this.#user(record, key);
    const held = user.privileges.get(knownDatabase(record, database));
    if (held === undefined) return;
    if (privileges === undefined || privileges.includes(ALL)) {
      user.privileges.delete(database);
      return;
    }
    const expanded = held.has(ALL) ? EACH_PRIVILEGE : [...held];
    const left = expanded.filter((privilege) => !privileges.includes(privilege));
    if (left.length === 0) user.privileges.delete(database);
    else user.privileges.set(database, new Set(left));
  }

  #account(id: string): AccountRecord {
    const record = this.#accounts.get(id);
    if (!record) throw hostupErrors.notFound();
    return record;
  }

  #user(record: AccountRecord, key: string): UserRecord {
    const user = lookup(record, key);
    if (!user) throw hostupErrors.notFound();
    return user;
  }

  #insert(record: AccountRecord, input: HostUpUserInput): UserRecord {
    if ([...record.users.values()].some((user) => user.username === input.username)) {
      throw hostupErrors.conflict(`A database user named ${input.username} already exists.`);
    }
    const id = input.id ?? publicId("dbu");
    if (record.users.has(id)) throw new Error(`database user id ${id} already exists`);
    const privileges = new Map<string, Set<HostUpPrivilege>>();
    for (const [database, granted] of Object.entries(input.privileges ?? {})) {
      privileges.set(knownDatabase(record, database), new Set(granted.includes(ALL) ? [ALL] : granted));
    }
    const user: UserRecord = {
      id,
      username: input.username,
      host: input.host === undefined ? "localhost" : input.host,
      password: input.password ?? seededPassword(),
      privileges,
    };
    record.users.set(id, user);
    return user;
  }
}

/**
 * `{username}` takes a user's public id or its name. Should one user be named like another's id
 * (`dbu_…` passes the create rule), the id wins: ids are HostUp's and never change.
 */
function lookup(record: AccountRecord, key: string): UserRecord | undefined {
  return record.users.get(key) ?? [...record.users.values()].find((user) => user.username === key);
}

function knownDatabase(record: AccountRecord, database: string): string {
  if (record.databases.has(database)) return database;
  throw hostupErrors.invalid("The database is not one of this account's.", [
    {
      pointer: "/database",
      detail: "`database` is not a database of this account.",
      code: "invalid_request",
    },
  ]);
}

/** HostUp's guessability check, modelled by its plainest case: a password containing the username. */
function refuseWeak(username: string, password: string): void {
  if (password.toLowerCase().includes(username.toLowerCase())) throw hostupErrors.passwordTooWeak();
}

/** In the spec's order, which is alphabetical (`ALL PRIVILEGES` is never held with another). */
function ordered(privileges: Set<HostUpPrivilege>): HostUpPrivilege[] {
  return [...privileges].sort();
}

/** HostUp's user object: exactly the three documented fields. */
function toDatabaseUser(user: UserRecord): DatabaseUser {
  return { id: user.id, username: user.username, host: user.host };
}

function toUser(user: UserRecord): HostUpUser {
  const privileges = Object.fromEntries(
    [...user.privileges].map(([database, held]) => [database, ordered(held)]),
  );
  return { ...toDatabaseUser(user), password: user.password, privileges };
}

function snapshot(record: AccountRecord): HostUpAccount {
  return { id: record.id, databases: [...record.databases], users: [...record.users.values()].map(toUser) };
}
