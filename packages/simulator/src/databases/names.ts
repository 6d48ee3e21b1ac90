// Every cluster's roles and databases live under a random prefix of their own on the shared server, so
// that clusters (and test files) never see or collide with each other's names. These are the names the
// server gets; quoting them is the driver's job (postgres.ts, mysql.ts). The cluster's databases are
// remembered here too: only those are granted, released and dropped.
import { randomBytes } from "node:crypto";
import { DatabaseBackendError } from "./types.ts";

export interface NameLimits {
  /** The server's limit on a login name, in bytes (PostgreSQL truncates silently past 63). */
  userBytes: number;
  /** The server's limit on a database name, in bytes. */
  databaseBytes: number;
}

export class ClusterNames {
  /** `c<8 hex>_`: starts with a letter, short enough to leave room under the servers' limits. */
  readonly prefix: string = `c${randomBytes(4).toString("hex")}_`;
  readonly #limits: NameLimits;
  /** Real names of the cluster's databases. */
  readonly #databases = new Set<string>();

  /** Without limits, the server checks lengths itself (MySQL refuses what is too long). */
  constructor(
    limits: NameLimits = { userBytes: Number.POSITIVE_INFINITY, databaseBytes: Number.POSITIVE_INFINITY },
  ) {
    this.#limits = limits;
  }

  /** The real login name of the cluster's user `name`. */
  user(name: string): string {
    return this.#checked(name, "user", this.#limits.userBytes);
  }

  /** The real name for a new database `name` of the cluster (remembered once `created`). */
  newDatabase(name: string): string {
    return this.#checked(name, "database", this.#limits.databaseBytes);
  }

  /** Remembers a database the server created. */
  created(realName: string): void {
    this.#databases.add(realName);
  }

  /** The real name of the cluster's database `name`; refused if the cluster has none of that name. */
  database(name: string): string {
    const real = this.#checked(name, "database", this.#limits.databaseBytes);
    if (!this.#databases.has(real)) {
      throw new DatabaseBackendError("failed", `no database ${JSON.stringify(name)} in this cluster`);
    }
    return real;
  }

  /** Real names of the cluster's databases; `forget` empties the list (after dropping them). */
  databases(): string[] {
    return [...this.#databases];
  }

  forgetDatabases(): void {
    this.#databases.clear();
  }

  /** The cluster's own name for a real name that carries its prefix. */
  strip(realName: string): string {
    return realName.slice(this.prefix.length);
  }

  #checked(name: string, what: string, limit: number): string {
    if (name === "" || name.includes("\0")) {
      throw new DatabaseBackendError("invalid_name", `a ${what} name must be non-empty and without NUL`);
    }
    const real = this.prefix + name;
    if (Buffer.byteLength(real) > limit) {
      const room = limit - this.prefix.length;
      throw new DatabaseBackendError(
        "invalid_name",
        `${what} name ${JSON.stringify(name)} is too long for the server (${room} bytes at most)`,
      );
    }
    return real;
  }
}
