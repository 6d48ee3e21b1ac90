// The PostgreSQL backend (`pg`). Role and database names reach SQL only through pg's escapeIdentifier,
// passwords only through escapeLiteral (CREATE/ALTER ROLE take no bind parameters), values as $n.
import type { ClientConfig, Pool } from "pg";
import { onServer } from "./failures.ts";
import { ClusterNames } from "./names.ts";
import { OperationQueue } from "./operation-queue.ts";
import { loadOptional } from "./optional-dependency.ts";
import type {
  ClusterOptions,
  DatabaseAccess,
  DatabaseConnection,
  DatabaseServer,
  PostgresCluster,
} from "./types.ts";

type Pg = typeof import("pg");

// SQLSTATEs: duplicate_object, duplicate_database, invalid_name, name_too_long.
const CODES = {
  "42710": "exists",
  "42P04": "exists",
  "42602": "invalid_name",
  "42622": "invalid_name",
} as const;

// PostgreSQL truncates longer identifiers (NAMEDATALEN - 1) instead of refusing them.
const LIMITS = { userBytes: 63, databaseBytes: 63 };

/**
 * The admin's connection to another database of the server. Not a URL: pg decodes a URL's database with
 * decodeURI, which leaves `%3B` and the like as they are.
 */
function onDatabase(url: string, database: string): ClientConfig {
  const address = new URL(url);
  return {
    host: address.hostname,
    port: Number(address.port || 5432),
    user: decodeURIComponent(address.username),
    password: decodeURIComponent(address.password),
    database,
  };
}

class PgCluster implements PostgresCluster {
  readonly engine = "postgres" as const;
  readonly #pg: Pg;
  readonly #admin: Pool;
  readonly #url: string;
  readonly #changes: OperationQueue;
  readonly #names = new ClusterNames(LIMITS);

  constructor(pg: Pg, admin: Pool, url: string, changes: OperationQueue) {
    this.#pg = pg;
    this.#admin = admin;
    this.#url = url;
    this.#changes = changes;
  }

  #role(name: string): string {
    return this.#pg.escapeIdentifier(this.#names.user(name));
  }

  /** Statements on the admin's own database, one by one. */
  async #run(what: string, statements: readonly string[], secrets: readonly string[] = []): Promise<void> {
    await this.#changes.run(() =>
      onServer(
        what,
        CODES,
        async () => {
          for (const statement of statements) await this.#admin.query(statement);
        },
        secrets,
      ),
    );
  }

  /** Statements in one transaction on `database` (schemas and owned objects are per database). */
  async #runIn(database: string, what: string, statements: readonly string[]): Promise<void> {
    const client = new this.#pg.Client(onDatabase(this.#url, database));
    client.on("error", () => {}); // the server ended the connection; the query in flight fails instead
    await this.#changes.run(() =>
      onServer(what, CODES, async () => {
        await client.connect();
        try {
          await client.query("BEGIN");
          for (const statement of statements) await client.query(statement);
          await client.query("COMMIT");
        } finally {
          await client.end();
        }
      }),
    );
  }

  async createDatabase(database: string): Promise<void> {
    const real = this.#names.newDatabase(database);
    const quoted = this.#pg.escapeIdentifier(real);
    await this.#run(`creating database ${database}`, [
      `CREATE DATABASE ${quoted}`,
      // Only the users given access (setAccess) may connect, as on a vendor's cluster.
      `REVOKE ALL ON DATABASE ${quoted} FROM PUBLIC`,
    ]);
    this.#names.created(real);
  }

  async createUser(name: string, password: string): Promise<void> {
    const literal = this.#pg.escapeLiteral(password);
    await this.#run(
      `creating user ${name}`,
      [`CREATE ROLE ${this.#role(name)} LOGIN PASSWORD ${literal}`],
      [password],
    );
  }

  async setPassword(name: string, password: string): Promise<void> {
    const literal = this.#pg.escapeLiteral(password);
    await this.#run(
      `changing the password of ${name}`,
      [`ALTER ROLE ${this.#role(name)} PASSWORD ${literal}`],
      [password],
    );
  }

  // Reading and writing come from PostgreSQL's predefined roles, so that they cover every table, whoever
  // creates it; CONNECT decides which databases that applies to.
  async setAccess(name: string, database: string, access: DatabaseAccess): Promise<void> {
    const role = this.#role(name);
    const real = this.#names.database(database);
    const db = this.#pg.escapeIdentifier(real);
    const statements =
      access === "read-write"
        ? [
            `GRANT CONNECT, TEMPORARY ON DATABASE ${db} TO ${role}`,
            `GRANT pg_read_all_data, pg_write_all_data TO ${role}`,
            `GRANT CREATE ON SCHEMA public TO ${role}`,
          ]
        : [
            `REVOKE TEMPORARY ON DATABASE ${db} FROM ${role}`,
            `GRANT CONNECT ON DATABASE ${db} TO ${role}`,
            `REVOKE pg_write_all_data FROM ${role}`,
            `GRANT pg_read_all_data TO ${role}`,
            `REVOKE CREATE ON SCHEMA public FROM ${role}`,
          ];
    await this.#runIn(real, `giving ${name} ${access} access to ${database}`, statements);
  }

  async dropUser(name: string): Promise<void> {
    const real = this.#names.user(name);
    const role = this.#pg.escapeIdentifier(real);
    const found = await onServer(`looking up user ${name}`, CODES, () =>
      this.#admin.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [real]),
    );
    if (found.rowCount === 0) return;
    // A role that owns objects or holds privileges in a database cannot be dropped: its tables go to the
    // admin and its privileges go, database by database.
    for (const database of this.#names.databases()) {
      await this.#runIn(database, `releasing what ${name} owns`, [
        `REASSIGN OWNED BY ${role} TO CURRENT_USER`,
        `DROP OWNED BY ${role}`,
      ]);
    }
    await this.#run(`dropping user ${name}`, [`DROP ROLE IF EXISTS ${role}`]);
  }

  async listUsers(): Promise<string[]> {
    return (await this.#realUsers()).map((role) => this.#names.strip(role)).sort();
  }

  async #realUsers(): Promise<string[]> {
    const result = await onServer("listing users", CODES, () =>
      this.#admin.query<{ rolname: string }>("SELECT rolname FROM pg_roles WHERE starts_with(rolname, $1) ", [
        this.#names.prefix,
      ]),
    );
    return result.rows.map((row) => row.rolname);
  }

  connection(name: string, database: string): DatabaseConnection {
    const address = new URL(this.#url);
    return {
      host: address.hostname,
      port: Number(address.port || 5432),
      database: this.#names.database(database),
      user: this.#names.user(name),
    };
  }

  async drop(): Promise<void> {
    // Databases first: dropping one takes its owned objects and privileges with it.
    for (const database of this.#names.databases()) {
      await this.#run(`dropping database ${this.#names.strip(database)}`, [
        `DROP DATABASE IF EXISTS ${this.#pg.escapeIdentifier(database)} WITH (FORCE)`,
      ]);
    }
    this.#names.forgetDatabases();
    const roles = await this.#realUsers();
    await this.#run(
      "dropping the cluster's users",
      roles.map((role) => `DROP ROLE IF EXISTS ${this.#pg.escapeIdentifier(role)}`),
    );
  }
}

/** A PostgreSQL server reached as a superuser (`url`); each cluster gets databases and roles of its own. */
export async function connectPostgres(url: string): Promise<DatabaseServer<PostgresCluster>> {
  const pg = await loadOptional("pg", () => import("pg"));
  const admin = new pg.Pool({ connectionString: url, max: 4 });
  // Role and grant changes of every cluster on this server, one at a time: run side by side, two
  // clusters' GRANTs of the same predefined roles (pg_read_all_data…) can deadlock (40P01).
  const changes = new OperationQueue();
  admin.on("error", () => {}); // an idle connection the server closed; the pool opens another
  await onServer("connecting to PostgreSQL", CODES, () => admin.query("SELECT 1")).catch(async (error) => {
    await admin.end();
    throw error;
  });
  return {
    engine: "postgres",
    async createCluster({ database }: ClusterOptions) {
      const cluster = new PgCluster(pg, admin, url, changes);
      await cluster.createDatabase(database);
      return cluster;
    },
    close: () => admin.end(),
  };
}
