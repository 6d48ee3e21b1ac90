// `@dbusers/rotation/mysql`: a login verifier and the grant helper for MySQL and MariaDB. `mysql2` is an
// optional peer dependency, imported on the first call.
import { type AdminLogin, type LoginTargets, loadDriver, revealed, targetOf } from "./connection.ts";
import type { GrantsContext, Verifier } from "./hooks.ts";

export type { AdminLogin, LoginTarget, LoginTargets } from "./connection.ts";

interface MysqlConnection {
  query(sql: string, values?: unknown[]): Promise<[unknown, unknown]>;
  end(): Promise<void>;
}
type MysqlModule = { createConnection(config: Record<string, unknown>): Promise<MysqlConnection> };

async function connected(config: Record<string, unknown>): Promise<MysqlConnection> {
  const mysql = await loadDriver("mysql2", () => import("mysql2/promise") as unknown as Promise<MysqlModule>);
  return mysql.createConnection(config);
}

/** Logs in with the credentials and runs a query: a verifier for `createRotation({ verify })`. */
export function mysqlLogin(targets: LoginTargets): Verifier {
  return async ({ username, password }) => {
    const target = await targetOf(targets, username);
    const connection = await connected({ ...target, password: password.reveal() });
    try {
      await connection.query("SELECT 1");
    } finally {
      await connection.end();
    }
  };
}

/** A MySQL account: its user name and host (`'%'` unless told). */
export interface MysqlAccount {
  user: string;
  host?: string;
}

export interface MysqlGrantsOptions {
  /** A login that may grant what the credential holds (an admin WITH GRANT OPTION). */
  admin: AdminLogin;
  /** The account a vendor user logs in as, where it differs from its name or its host is not `%`. */
  account?: (username: string) => MysqlAccount | Promise<MysqlAccount>;
}

/**
 * The `grants` hook for MySQL and MariaDB: copies CURRENT's `SHOW GRANTS` to the twin (what no vendor API
 * exposes: table and column grants, roles), then checks that the twin's grants hold every one of them.
 * The global `USAGE` line (which carries the password hash) is never copied.
 */
export function mysqlGrants(options: MysqlGrantsOptions): (context: GrantsContext) => Promise<void> {
  const accountOf = async (name: string) => {
    const account = options.account ? await options.account(name) : { user: name };
    return { user: account.user, host: account.host ?? "%" };
  };
  return async ({ current, pending }) => {
    const [from, to] = await Promise.all([accountOf(current), accountOf(pending)]);
    const { password, ...admin } = options.admin;
    const connection = await connected({ ...admin, password: revealed(password) });
    try {
      const grantsOf = async (account: { user: string; host: string }) => {
        const [rows] = await connection.query("SHOW GRANTS FOR ?@?", [account.user, account.host]);
        return (rows as Array<Record<string, string>>)
          .map((row) => withoutAccount(Object.values(row)[0] ?? ""))
          .filter(({ privileges }) => privileges !== "" && !/^GRANT USAGE ON \*\.\*/i.test(privileges));
      };
      const wanted = await grantsOf(from);
      for (const grant of wanted) {
        const { privileges, rest } = grant;
        await connection.query(`${privileges} TO ?@?${rest}`, [to.user, to.host]);
      }
      const held = new Set((await grantsOf(to)).map((grant) => grant.privileges));
      const missing = wanted.filter((grant) => !held.has(grant.privileges));
      if (missing.length > 0) {
        throw new Error(
          `${pending} lacks grants of ${current}: ${missing.map((grant) => grant.privileges).join("; ")}`,
        );
      }
    } finally {
      await connection.end();
    }
  };
}

/** `GRANT SELECT ON `db`.* TO `u`@`%` WITH GRANT OPTION` → its grant part and what follows the account. */
function withoutAccount(line: string): { privileges: string; rest: string } {
  const at = line.lastIndexOf(" TO ");
  const privileges = at < 0 ? line : line.slice(0, at);
  const after = at < 0 ? "" : line.slice(at + 4);
  // The account is `user`@`host` (or 'user'@'host'); what follows it (WITH GRANT OPTION) is kept.
  const account = /^([`'"]).*?\1@([`'"]).*?\2/.exec(after)?.[0] ?? "";
  const rest = after.slice(account.length).replace(/IDENTIFIED BY PASSWORD\s+'[^']*'/i, "");
  return { privileges, rest };
}
