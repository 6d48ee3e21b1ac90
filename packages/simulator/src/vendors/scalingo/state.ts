import { randomInt, randomUUID } from "node:crypto";
import { scalingoErrors } from "./errors.ts";
import type { components, Readable } from "./generated/schema.ts";

/** Addon providers whose users the Database API manages (the CLI's `SupportedAddons`). */
export type ScalingoEngine = "postgresql" | "mysql" | "mongodb" | "influxdb";

export const SCALINGO_ENGINES: readonly ScalingoEngine[] = ["postgresql", "mysql", "mongodb", "influxdb"];

// The API's shapes come from the spec (src/vendors/scalingo/generated/, `pnpm generate`).
type ApiUser = Readable<components["schemas"]["database_user"]>;

/** A database user as the simulator holds it: the API's object, with its password. */
export type ScalingoUser = ApiUser & { password: string };

export interface ScalingoDatabase {
  /** The addon's id (`ad-…`), which is the Database API's database id. */
  id: string;
  /** The app the addon belongs to (`[:app]` of the addon-token route). */
  appId: string;
  /** The database's resource name at its provider (e.g. `my_app_4553`), its protected owner's name. */
  name: string;
  engine: ScalingoEngine;
  /** The users, the protected owner first. */
  users: ScalingoUser[];
}

/** A user for the control handle: the API's fields, with what only the platform sets. */
export interface ScalingoUserInput {
  name: string;
  read_only?: boolean;
  /** Default: generated, as Scalingo does. */
  password?: string;
  /** Default `false`; the database's owner is created protected by `addDatabase`. */
  protected?: boolean;
}

export interface ScalingoDatabaseInput {
  /** Default: a random `ad-<uuid>`. */
  id?: string;
  /** Default `my-app`. */
  appId?: string;
  /** Default: `<appId with underscores>_<4 digits>`, as Scalingo names resources. */
  name?: string;
  /** Default `postgresql`. */
  engine?: ScalingoEngine;
  /** Users besides the protected owner; one named like the database replaces the generated owner. */
  users?: ScalingoUserInput[];
}

export interface ScalingoSeed {
  databases?: ScalingoDatabaseInput[];
}

/** How create, update and reset answers carry the user: as Scalingo's clients read them, or bare. */
export type ScalingoUserShape = "rooted" | "bare";

const PASSWORD_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_";

/** A crypto-random password in the shape of the documentation's example (`K_gaef6ripo7Ao4Uaxai6Kiey`). */
function generatePassword(): string {
  let out = "";
  for (let i = 0; i < 24; i++) out += PASSWORD_ALPHABET[randomInt(PASSWORD_ALPHABET.length)];
  return out;
}

interface DatabaseRecord {
  id: string;
  appId: string;
  name: string;
  engine: ScalingoEngine;
  users: Map<string, ScalingoUser>;
}

/** The in-memory state of the Scalingo module: database addons (grouped by app) and their users. */
export class ScalingoState {
  readonly #databases = new Map<string, DatabaseRecord>();
  userShape: ScalingoUserShape = "rooted";

  clear(): void {
    this.#databases.clear();
  }

  addDatabase(input: ScalingoDatabaseInput = {}): ScalingoDatabase {
    const engine = input.engine ?? "postgresql";
    if (!SCALINGO_ENGINES.includes(engine)) {
      throw new TypeError(`unknown engine ${String(engine)}; one of ${SCALINGO_ENGINES.join(", ")}`);
    }
    const id = input.id ?? `ad-${randomUUID()}`;
    if (this.#databases.has(id)) throw new Error(`database ${id} already exists`);
    const appId = input.appId ?? "my-app";
    const name = input.name ?? `${appId.replace(/-/g, "_")}_${randomInt(1000, 10_000)}`;
    const record: DatabaseRecord = { id, appId, name, engine, users: new Map() };
    this.#databases.set(id, record);
    const owner = input.users?.find((user) => user.name === name);
    this.#insertUser(record, { protected: true, ...owner, name });
    for (const user of input.users ?? []) {
      if (user.name !== name) this.#insertUser(record, user);
    }
    return snapshot(record);
  }

  getDatabase(id: string): ScalingoDatabase | undefined {
    const record = this.#databases.get(id);
    return record && snapshot(record);
  }

  listDatabases(): ScalingoDatabase[] {
    return [...this.#databases.values()].map(snapshot);
  }

  removeDatabase(id: string): boolean {
    return this.#databases.delete(id);
  }

  /** The addon `addonId` of app `appId`, or the API's 404 naming what is missing (the app, the addon). */
  addon(appId: string, addonId: string): ScalingoDatabase {
    const apps = [...this.#databases.values()].filter((record) => record.appId === appId);
    if (apps.length === 0) throw scalingoErrors.notFound("app");
    const record = apps.find((candidate) => candidate.id === addonId);
    if (!record) throw scalingoErrors.notFound("addon");
    return snapshot(record);
  }

  listUsers(databaseId: string): ScalingoUser[] {
    return [...this.#database(databaseId).users.values()].map((user) => structuredClone(user));
  }

  findUser(databaseId: string, name: string): ScalingoUser | undefined {
    const user = this.#databases.get(databaseId)?.users.get(name);
    return user && structuredClone(user);
  }

  /** Adds a user; a name already taken is the API's 422. */
  addUser(databaseId: string, input: ScalingoUserInput): ScalingoUser {
    return structuredClone(this.#insertUser(this.#database(databaseId), input));
  }

  /** Sets a chosen password; a protected user is refused. */
  setPassword(databaseId: string, name: string, password: string): ScalingoUser {
    const user = this.#changeable(databaseId, name, "updated");
    user.password = password;
    return structuredClone(user);
  }

  /** Sets a generated password; a protected user is refused. */
  resetPassword(databaseId: string, name: string): ScalingoUser {
    return this.setPassword(databaseId, name, generatePassword());
  }

  deleteUser(databaseId: string, name: string): void {
    this.#changeable(databaseId, name, "deleted");
    this.#database(databaseId).users.delete(name);
  }

  /** Control handle: removes any user, the protected owner included; `false` if there was none. */
  removeUser(databaseId: string, name: string): boolean {
    return this.#databases.get(databaseId)?.users.delete(name) ?? false;
  }

  /** Puts `user` back as it was (a change the real server refused). */
  putUser(databaseId: string, user: ScalingoUser): void {
    this.#databases.get(databaseId)?.users.set(user.name, structuredClone(user));
  }

  /** The database, or the API's 404. */
  #database(id: string): DatabaseRecord {
    const record = this.#databases.get(id);
    if (!record) throw scalingoErrors.notFound("database");
    return record;
  }

  /** A user that may be changed: 404 when absent, 403 when protected. */
  #changeable(databaseId: string, name: string, change: "updated" | "deleted"): ScalingoUser {
    const user = this.#database(databaseId).users.get(name);
    if (!user) throw scalingoErrors.notFound("database_user");
    if (user.protected) {
      throw scalingoErrors.forbidden(
        `user ${name} is protected: it is managed by the platform and cannot be ${change}`,
        "protected_user",
      );
    }
    return user;
  }

  #insertUser(record: DatabaseRecord, input: ScalingoUserInput): ScalingoUser {
    if (record.users.has(input.name)) {
      throw scalingoErrors.unprocessable({ name: ["has already been taken"] });
    }
    const user: ScalingoUser = {
      name: input.name,
      read_only: input.read_only ?? false,
      protected: input.protected ?? false,
      password: input.password ?? generatePassword(),
    };
    // Scalingo reports how PostgreSQL stores the password; no other engine has DBMS attributes.
    if (record.engine === "postgresql") user.dbms_attributes = { password_encryption: "SCRAM-SHA-256" };
    record.users.set(user.name, user);
    return user;
  }
}

function snapshot(record: DatabaseRecord): ScalingoDatabase {
  return {
    id: record.id,
    appId: record.appId,
    name: record.name,
    engine: record.engine,
    users: [...record.users.values()].map((user) => structuredClone(user)),
  };
}
