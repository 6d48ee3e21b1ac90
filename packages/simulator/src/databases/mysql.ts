// The MySQL/MariaDB backend (`mysql2`). Account names and passwords reach SQL only as `?` values, database
// names only through mysql2's escapeId (never `??`, which would split a name at its dots), privilege
// names only from the server's own list (mysql-privileges.ts).
import type { Pool, QueryValues } from "mysql2/promise";
import { type FailureCodes, onServer } from "./failures.ts";
import { MysqlPrivileges } from "./mysql-privileges.ts";
import { ClusterNames } from "./names.ts";
import { loadOptional } from "./optional-dependency.ts";
import type {
  ClusterOptions,
  DatabaseAccess,
  DatabaseConnection,
  DatabaseServer,
  MysqlCluster,
} from "./types.ts";

type Mysql = typeof import("mysql2/promise");

const CODES: FailureCodes = {
  ER_DB_CREATE_EXISTS: "exists",
  ER_WRONG_STRING_LENGTH: "invalid_name", // a user name over the server's limit (MariaDB 80, MySQL 32)
  ER_TOO_LONG_IDENT: "invalid_name",
  ER_WRONG_DB_NAME: "invalid_name",
};
// CREATE USER of an existing account (other statements use the same code for other things).
const CREATE_CODES: FailureCodes = { ...CODES, ER_CANNOT_USER: "exists" };

/** Accounts are `'name'@'%'`: the simulator's users log in over TCP from anywhere, as on a vendor's server. */
const HOST = "%";

/**
 * A database name as a pattern of database-level GRANT/REVOKE, where `_` and `%` are wildcards: escaped,
 * so that a grant on `app_db` is not also one on `appXdb` (nor `%` one on every database).
 */
function grantPattern(realName: string): string {
  return realName.replace(/[\\_%]/g, "\\$&");
}

class MysqlServerCluster implements MysqlCluster {
  readonly engine = "mysql" as const;
  readonly #mysql: Mysql;
  readonly #admin: Pool;
  readonly #address: URL;
  readonly #privileges: MysqlPrivileges;
  readonly #names = new ClusterNames();

  constructor(mysql: Mysql, admin: Pool, address: URL, privileges: MysqlPrivileges) {
    this.#mysql = mysql;
    this.#admin = admin;
    this.#address = address;
    this.#privileges = privileges;
  }

  async #run(
    what: string,
    sql: string,
    values: QueryValues,
    { codes = CODES, secrets = [] }: { codes?: FailureCodes; secrets?: readonly string[] } = {},
  ): Promise<void> {
    await onServer(what, codes, () => this.#admin.query(sql, values), secrets);
  }

  /** `` `db`.* `` for a database-level GRANT or REVOKE. */
  #onDatabase(database: string): string {
    return `${this.#mysql.escapeId(grantPattern(this.#names.database(database)), true)}.*`;
  }

  async createDatabase(database: string): Promise<void> {
    const real = this.#names.newDatabase(database);
    await this.#run(
      `creating database ${database}`,
      `CREATE DATABASE ${this.#mysql.escapeId(real, true)} CHARACTER SET utf8mb4`,
      [],
    );
    this.#names.created(real);
  }

  async createUser(name: string, password: string): Promise<void> {
    await this.#run(
      `creating user ${name}`,
      "CREATE USER ?@? IDENTIFIED BY ?",
      [this.#names.user(name), HOST, password],
      {
        codes: CREATE_CODES,
        secrets: [password],
      },
    );
  }

  async setPassword(name: string, password: string): Promise<void> {
    await this.#run(
      `changing the password of ${name}`,
      "ALTER USER ?@? IDENTIFIED BY ?",
      [this.#names.user(name), HOST, password],
      { secrets: [password] },
    );
  }

  async setAccess(name: string, database: string, access: DatabaseAccess): Promise<void> {
    await this.#revokeAll(name, database);
    const privileges = access === "read-write" ? "ALL PRIVILEGES" : "SELECT";
    await this.#run(
      `giving ${name} ${access} access to ${database}`,
      `GRANT ${privileges} ON ${this.#onDatabase(database)} TO ?@?`,
      [this.#names.user(name), HOST],
    );
  }

  async grantPrivileges(name: string, database: string, privileges: readonly string[]): Promise<void> {
    const names = this.#privileges.canonical(privileges);
    await this.#run(
      `granting ${names.join(", ")} on ${database} to ${name}`,
      `GRANT ${names.join(", ")} ON ${this.#onDatabase(database)} TO ?@?`,
      [this.#names.user(name), HOST],
    );
  }

  async revokePrivileges(name: string, database: string, privileges: readonly string[]): Promise<void> {
    const names = this.#privileges.canonical(privileges);
    await this.#revoking(name, database, names.join(", "));
  }

  #revokeAll(name: string, database: string): Promise<void> {
    return this.#revoking(name, database, "ALL PRIVILEGES");
  }

  async #revoking(name: string, database: string, privileges: string): Promise<void> {
    try {
      await this.#run(
        `revoking ${privileges} on ${database} from ${name}`,
        `REVOKE ${privileges} ON ${this.#onDatabase(database)} FROM ?@?`,
        [this.#names.user(name), HOST],
      );
    } catch (error) {
      // "There is no such grant defined": nothing was held, so nothing is left to revoke.
      if ((error as { serverCode?: string }).serverCode !== "ER_NONEXISTING_GRANT") throw error;
    }
  }

  async dropUser(name: string): Promise<void> {
    // Database-level grants go with the account; tables belong to databases, not to users.
    await this.#run(`dropping user ${name}`, "DROP USER IF EXISTS ?@?", [this.#names.user(name), HOST]);
  }

  async listUsers(): Promise<string[]> {
    return (await this.#realUsers()).map((user) => this.#names.strip(user)).sort();
  }

  async #realUsers(): Promise<string[]> {
    const prefix = this.#names.prefix;
    const rows = await onServer("listing users", CODES, async () => {
      const [result] = await this.#admin.query(
        "SELECT User AS user FROM mysql.user WHERE Host = ? AND LEFT(User, ?) = ? ",
        [HOST, prefix.length, prefix],
      );
      return result as Array<{ user: string }>;
    });
    return rows.map((row) => row.user);
  }

  connection(name: string, database: string): DatabaseConnection {
    return {
      host: this.#address.hostname,
      port: Number(this.#address.port || 3306),
      database: this.#names.database(database),
      user: this.#names.user(name),
    };
  }

  async drop(): Promise<void> {
    for (const user of await this.#realUsers()) {
      await this.#run("dropping the cluster's users", "DROP USER IF EXISTS ?@?", [user, HOST]);
    }
    for (const database of this.#names.databases()) {
      await this.#run(
        `dropping database ${this.#names.strip(database)}`,
        `DROP DATABASE IF EXISTS ${this.#mysql.escapeId(database, true)}`,
        [],
      );
    }
    this.#names.forgetDatabases();
  }
}

/**
 * A MySQL or MariaDB server reached as an admin that may create users and databases and grant on them
 * (`url`, e.g. `mysql://admin:password@127.0.0.1:3306/`).
 */
export async function connectMysql(url: string): Promise<DatabaseServer<MysqlCluster>> {
  const mysql = await loadOptional("mysql2", () => import("mysql2/promise"));
  const admin = mysql.createPool({ uri: url, connectionLimit: 4 });
  const privileges = await onServer("connecting to MySQL", CODES, async () => {
    const [[mode]] = (await admin.query("SELECT @@SESSION.sql_mode AS sqlMode")) as unknown as [
      [{ sqlMode: string }],
    ];
    // mysql2 escapes quotes with backslashes, which this mode would take literally.
    if (mode.sqlMode.includes("NO_BACKSLASH_ESCAPES")) {
      throw new Error(
        "sql_mode NO_BACKSLASH_ESCAPES is not supported: mysql2's escaping relies on backslashes",
      );
    }
    const [rows] = await admin.query("SHOW PRIVILEGES");
    return new MysqlPrivileges((rows as Array<{ Privilege: string }>).map((row) => row.Privilege));
  }).catch(async (error: unknown) => {
    await admin.end();
    throw error;
  });
  const address = new URL(url);
  return {
    engine: "mysql",
    async createCluster({ database }: ClusterOptions) {
      const cluster = new MysqlServerCluster(mysql, admin, address, privileges);
      await cluster.createDatabase(database);
      return cluster;
    },
    close: () => admin.end(),
  };
}
