// Logging in to the real servers the way an application would (pg, mysql2), to see what the backends did.
import mysql from "mysql2/promise";
import pg from "pg";
import type { DatabaseConnection, DatabaseEngine } from "../../src/index.ts";

export interface Session {
  /** The rows of one statement. */
  query(sql: string): Promise<unknown[]>;
  end(): Promise<void>;
}

export interface Driver {
  engine: DatabaseEngine;
  /** Logs in as a user, with its password. */
  login(connection: DatabaseConnection, password: string): Promise<Session>;
  /** Logs in as the server's admin (`url`) to a cluster's real database. */
  admin(url: string, database: string): Promise<Session>;
  /** The error code of a refused login (wrong password, or no such user). */
  refusedLogin: string;
  /** The error code of a statement the user has no privilege for. */
  denied: string;
  /** Drops a login behind the backend's back, as the server's admin (`url`). */
  dropOutside(url: string, connection: DatabaseConnection): Promise<void>;
}

async function pgSession(config: pg.ClientConfig): Promise<Session> {
  const client = new pg.Client(config);
  client.on("error", () => {});
  await client.connect();
  return {
    query: async (sql) => (await client.query(sql)).rows,
    end: () => client.end(),
  };
}

async function mysqlSession(options: mysql.ConnectionOptions): Promise<Session> {
  const connection = await mysql.createConnection(options);
  return {
    query: async (sql) => {
      const [rows] = await connection.query(sql);
      return Array.isArray(rows) ? rows : [];
    },
    end: () => connection.end(),
  };
}

export const postgresDriver: Driver = {
  engine: "postgres",
  login: (connection, password) => pgSession({ ...connection, password }),
  admin: (url, database) => {
    const { hostname, port, username, password } = new URL(url);
    return pgSession({
      host: hostname,
      port: Number(port),
      user: decodeURIComponent(username),
      password: decodeURIComponent(password),
      database,
    });
  },
  refusedLogin: "28P01", // invalid_password (also for a role that does not exist)
  denied: "42501", // insufficient_privilege
  async dropOutside(url, { database, user }) {
    const session = await postgresDriver.admin(url, database);
    const role = pg.escapeIdentifier(user);
    await session.query(`DROP OWNED BY ${role}; DROP ROLE ${role}`);
    await session.end();
  },
};

export const mysqlDriver: Driver = {
  engine: "mysql",
  login: (connection, password) => mysqlSession({ ...connection, password }),
  admin: (url, database) => mysqlSession({ uri: url, database }),
  refusedLogin: "ER_ACCESS_DENIED_ERROR",
  denied: "ER_TABLEACCESS_DENIED_ERROR",
  async dropOutside(url, { user }) {
    const connection = await mysql.createConnection(url);
    await connection.query("DROP USER ?@'%'", [user]);
    await connection.end();
  },
};

/** The error code a rejected promise carries (a driver's, or a DatabaseBackendError's kind). */
export async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    const { code, kind } = error as { code?: string; kind?: string };
    return kind ?? code ?? String(error);
  }
  throw new Error("expected a rejection, but it resolved");
}

/** Logs in, runs `sql`, logs out: the rows, or the rejection. */
export async function asUser(
  driver: Driver,
  connection: DatabaseConnection,
  password: string,
  sql: string,
): Promise<unknown[]> {
  const session = await driver.login(connection, password);
  try {
    return await session.query(sql);
  } finally {
    await session.end();
  }
}
