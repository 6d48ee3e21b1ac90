import { randomBytes, randomInt, randomUUID } from "node:crypto";
import type { ApiError } from "../../framework/types.ts";
import { doErrors } from "./errors.ts";
import type { components, Readable, Writable } from "./generated/schema.ts";

/** Cluster engines (DigitalOcean's slugs). `redis` is the former name of the Caching engine. */
export type DigitalOceanEngine = "pg" | "mysql" | "mongodb" | "kafka" | "opensearch" | "valkey" | "redis";

export const DIGITALOCEAN_ENGINES: readonly DigitalOceanEngine[] = [
  "pg",
  "mysql",
  "mongodb",
  "kafka",
  "opensearch",
  "valkey",
  "redis",
];

// The API's shapes come from the spec (src/vendors/digitalocean/generated/, `pnpm generate`).
type Schemas = components["schemas"];

export type MysqlAuthPlugin = Schemas["mysql_settings"]["auth_plugin"];
type DigitalOceanMysqlSettings = Schemas["mysql_settings"];
export type DigitalOceanKafkaAcl = Schemas["kafka_acl"];
export type DigitalOceanOpenSearchAcl = Schemas["opensearch_acl"];
export type DigitalOceanMongoUserSettings = Schemas["mongo_user_settings"];
export type DigitalOceanUserSettings = Schemas["user_settings"];

type ReadableUser = Readable<Schemas["database_user"]>;

/**
 * A database user as the API returns it (with its password). The spec leaves `role` and `password`
 * optional (a token without `database:view_credentials` gets no password); the simulator always has both.
 */
export type DigitalOceanUser = ReadableUser & Required<Pick<ReadableUser, "role" | "password">>;

export interface DigitalOceanCluster {
  id: string;
  name: string;
  engine: DigitalOceanEngine;
  /** The cluster's users, the primary user (`doadmin`) first. */
  users: DigitalOceanUser[];
}

/** A user to create: the API's add-user body, plus what only the control handle can set. */
export type DigitalOceanUserInput = Writable<Schemas["database_user_create"]> & {
  /** Control handle only: `primary` for a cluster's own user (default `normal`). */
  role?: DigitalOceanUser["role"];
  /** Control handle only: a fixed password (default: crypto-random). */
  password?: string;
};

export interface DigitalOceanClusterInput {
  /** Cluster UUID (default: a random one). */
  id?: string;
  engine: DigitalOceanEngine;
  /** Default: `<engine>-cluster-<first 8 characters of the id>`. */
  name?: string;
  /**
   * Users to create after the primary user `doadmin` (which is always created, except on Caching and
   * Valkey clusters). A user named `doadmin` here replaces the generated one (e.g. to fix its password).
   */
  users?: DigitalOceanUserInput[];
}

export interface DigitalOceanSeed {
  clusters?: DigitalOceanClusterInput[];
}

export const PRIMARY_USER = "doadmin";
export const DEFAULT_MYSQL_AUTH_PLUGIN: MysqlAuthPlugin = "caching_sha2_password";

const PASSWORD_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** A crypto-random password in DigitalOcean's shape (`AVNS_` + 19 characters). */
export function generatePassword(): string {
  let out = "AVNS_";
  for (let i = 0; i < 19; i++) out += PASSWORD_ALPHABET[randomInt(PASSWORD_ALPHABET.length)];
  return out;
}

function pem(label: string, bytes: number): string {
  const body = randomBytes(bytes)
    .toString("base64")
    .replace(/(.{64})/g, "$1\n")
    .replace(/\n$/, "");
  return `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----\n`;
}

/** Placeholder PEM blocks of random bytes (they have the shape of Kafka client credentials, not the content). */
function kafkaCredentials(): { access_cert: string; access_key: string } {
  return { access_cert: pem("CERTIFICATE", 720), access_key: pem("PRIVATE KEY", 1190) };
}

function aclId(): string {
  return `acl${randomBytes(6).toString("hex")}`;
}

export function isCaching(engine: DigitalOceanEngine): boolean {
  return engine === "redis" || engine === "valkey";
}

const cachingRefused = (): ApiError =>
  doErrors.unprocessable("User management is not supported for Caching or Valkey clusters.");

interface ClusterRecord {
  id: string;
  name: string;
  engine: DigitalOceanEngine;
  users: Map<string, DigitalOceanUser>;
}

/** The in-memory state of the DigitalOcean module: clusters and their users. */
export class DigitalOceanState {
  readonly #clusters = new Map<string, ClusterRecord>();

  clear(): void {
    this.#clusters.clear();
  }

  addCluster(input: DigitalOceanClusterInput): DigitalOceanCluster {
    if (!DIGITALOCEAN_ENGINES.includes(input.engine)) {
      throw new TypeError(
        `unknown engine ${String(input.engine)}; one of ${DIGITALOCEAN_ENGINES.join(", ")}`,
      );
    }
    const id = input.id ?? randomUUID();
    if (this.#clusters.has(id)) throw new Error(`cluster ${id} already exists`);
    const record: ClusterRecord = {
      id,
      name: input.name ?? `${input.engine}-cluster-${id.slice(0, 8)}`,
      engine: input.engine,
      users: new Map(),
    };
    this.#clusters.set(id, record);
    if (!isCaching(input.engine)) {
      const given = input.users?.find((u) => u.name === PRIMARY_USER);
      this.#insertUser(record, { role: "primary", ...given, name: PRIMARY_USER });
    }
    for (const user of input.users ?? []) {
      if (user.name !== PRIMARY_USER) this.#insertUser(record, user);
    }
    return snapshot(record);
  }

  getCluster(id: string): DigitalOceanCluster | undefined {
    const record = this.#clusters.get(id);
    return record && snapshot(record);
  }

  listClusters(): DigitalOceanCluster[] {
    return [...this.#clusters.values()].map(snapshot);
  }

  removeCluster(id: string): boolean {
    return this.#clusters.delete(id);
  }

  /** The cluster, or the API's 404. */
  #cluster(id: string): ClusterRecord {
    const record = this.#clusters.get(id);
    if (!record) throw doErrors.notFound();
    return record;
  }

  /** The cluster if it supports user management (else 422), or 404. */
  #managedCluster(id: string): ClusterRecord {
    const record = this.#cluster(id);
    if (isCaching(record.engine)) throw cachingRefused();
    return record;
  }

  #user(record: ClusterRecord, name: string): DigitalOceanUser {
    const user = record.users.get(name);
    if (!user) throw doErrors.notFound();
    return user;
  }

  /** List users. Caching/Valkey clusters have none (the spec's `no_users` example). */
  listUsers(clusterId: string): DigitalOceanUser[] {
    const record = this.#cluster(clusterId);
    return [...record.users.values()].map((u) => structuredClone(u));
  }

  getUser(clusterId: string, name: string): DigitalOceanUser {
    return structuredClone(this.#user(this.#managedCluster(clusterId), name));
  }

  findUser(clusterId: string, name: string): DigitalOceanUser | undefined {
    const user = this.#clusters.get(clusterId)?.users.get(name);
    return user && structuredClone(user);
  }

  addUser(clusterId: string, input: DigitalOceanUserInput): DigitalOceanUser {
    return structuredClone(this.#insertUser(this.#managedCluster(clusterId), input));
  }

  /** Replaces the user's settings (only `settings` can change); omitted options fall back to defaults. */
  updateUser(clusterId: string, name: string, settings: DigitalOceanUserSettings): DigitalOceanUser {
    const record = this.#managedCluster(clusterId);
    const user = this.#user(record, name);
    const next = normalizeSettings(record.engine, settings, { previous: user.settings?.acl });
    if (next === undefined) delete user.settings;
    else user.settings = next;
    return structuredClone(user);
  }

  /** New password; for MySQL optionally a new authentication plugin. */
  resetAuth(
    clusterId: string,
    name: string,
    mysqlSettings: DigitalOceanMysqlSettings | undefined,
  ): DigitalOceanUser {
    const record = this.#managedCluster(clusterId);
    const user = this.#user(record, name);
    if (mysqlSettings !== undefined) {
      if (record.engine !== "mysql") throw onlyFor("mysql_settings", "MySQL");
      user.mysql_settings = { auth_plugin: mysqlSettings.auth_plugin };
    }
    user.password = generatePassword();
    return structuredClone(user);
  }

  deleteUser(clusterId: string, name: string): void {
    const record = this.#managedCluster(clusterId);
    const user = this.#user(record, name);
    if (user.role === "primary") {
      throw doErrors.unprocessable(
        `The primary user ${name} is created with the cluster and cannot be deleted.`,
      );
    }
    record.users.delete(name);
  }

  /** Puts a user back as it was (a change the real server refused is undone with it). */
  putUser(clusterId: string, user: DigitalOceanUser): void {
    this.#clusters.get(clusterId)?.users.set(user.name, structuredClone(user));
  }

  /** Control handle: removes any user, the primary one included; `false` if there was none. */
  removeUser(clusterId: string, name: string): boolean {
    return this.#clusters.get(clusterId)?.users.delete(name) ?? false;
  }

  #insertUser(record: ClusterRecord, input: DigitalOceanUserInput): DigitalOceanUser {
    const { engine } = record;
    if (/[\s\p{Cc}]/u.test(input.name)) {
      throw doErrors.badRequest("invalid user name: must not contain spaces or control characters");
    }
    if (record.users.has(input.name)) throw doErrors.unprocessable(`user ${input.name} already exists`);
    if (input.mysql_settings !== undefined && engine !== "mysql") throw onlyFor("mysql_settings", "MySQL");
    if (input.readonly !== undefined && engine !== "mongodb") throw onlyFor("readonly", "MongoDB");

    const user: DigitalOceanUser = {
      name: input.name,
      role: input.role ?? "normal",
      password: input.password ?? generatePassword(),
    };
    if (engine === "mysql") {
      user.mysql_settings = { auth_plugin: input.mysql_settings?.auth_plugin ?? DEFAULT_MYSQL_AUTH_PLUGIN };
    }
    if (engine === "kafka") Object.assign(user, kafkaCredentials());
    const settings = normalizeSettings(engine, input.settings, { readonly: input.readonly });
    if (settings !== undefined) user.settings = settings;
    record.users.set(user.name, user);
    return user;
  }
}

function onlyFor(field: string, engine: string): ApiError {
  return doErrors.unprocessable(`${field} is only supported for ${engine} clusters`);
}

const SETTING_ENGINE: Record<keyof DigitalOceanUserSettings, [DigitalOceanEngine, string]> = {
  pg_allow_replication: ["pg", "PostgreSQL"],
  opensearch_acl: ["opensearch", "OpenSearch"],
  acl: ["kafka", "Kafka"],
  mongo_user_settings: ["mongodb", "MongoDB"],
};

/**
 * The stored `settings` for an engine, from the settings sent on create or update (which replace the
 * previous ones). Each option belongs to one engine; sending it for another is refused with 422.
 * Defaults: PostgreSQL `pg_allow_replication: false`; Kafka ACL ids computed (kept when an ACL is sent
 * back with an id it already has); OpenSearch ACL permission `deny`; MongoDB `databases: ["admin"]` and
 * role `readWrite` (`readOnly` with the deprecated `readonly: true`).
 */
function normalizeSettings(
  engine: DigitalOceanEngine,
  input: DigitalOceanUserSettings | undefined,
  options: { readonly?: boolean | undefined; previous?: DigitalOceanKafkaAcl[] | undefined },
): DigitalOceanUserSettings | undefined {
  for (const key of Object.keys(input ?? {}) as Array<keyof DigitalOceanUserSettings>) {
    const [owner, label] = SETTING_ENGINE[key];
    if (owner !== engine) throw onlyFor(`settings.${key}`, label);
  }
  switch (engine) {
    case "pg":
      return { pg_allow_replication: input?.pg_allow_replication ?? false };
    case "kafka": {
      const known = new Set((options.previous ?? []).map((acl) => acl.id));
      return {
        acl: (input?.acl ?? []).map((acl) => ({
          id: acl.id !== undefined && known.has(acl.id) ? acl.id : aclId(),
          topic: acl.topic,
          permission: acl.permission,
        })),
      };
    }
    case "opensearch":
      return {
        opensearch_acl: (input?.opensearch_acl ?? []).map((acl) => ({
          ...acl,
          permission: acl.permission ?? "deny",
        })),
      };
    case "mongodb": {
      const given = input?.mongo_user_settings;
      return {
        mongo_user_settings: {
          databases: given?.databases ?? ["admin"],
          role: given?.role ?? (options.readonly ? "readOnly" : "readWrite"),
        },
      };
    }
    default:
      return undefined;
  }
}

function snapshot(record: ClusterRecord): DigitalOceanCluster {
  return {
    id: record.id,
    name: record.name,
    engine: record.engine,
    users: [...record.users.values()].map((u) => structuredClone(u)),
  };
}
