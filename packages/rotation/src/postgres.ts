// `@dbusers/rotation/postgres`: a login verifier and the grant helper for PostgreSQL. `pg` is an optional
// peer dependency, imported on the first call.
import { type AdminLogin, type LoginTargets, loadDriver, revealed, targetOf } from "./connection.ts";
import type { GrantsContext, Verifier } from "./hooks.ts";

export type { AdminLogin, LoginTarget, LoginTargets } from "./connection.ts";

interface PgClient {
  connect(): Promise<unknown>;
  query<R>(text: string, values?: unknown[]): Promise<{ rows: R[] }>;
  end(): Promise<void>;
  on(event: "error", listener: (error: Error) => void): unknown;
  escapeIdentifier?(name: string): string;
}
type PgModule = { Client: new (config: Record<string, unknown>) => PgClient };

async function connected(config: Record<string, unknown>): Promise<PgClient> {
  const { default: pg } = await loadDriver(
    "pg",
    () => import("pg") as unknown as Promise<{ default: PgModule }>,
  );
  const client = new pg.Client(config);
  client.on("error", () => {}); // a connection the server ends: the query in flight fails instead
  await client.connect();
  return client;
}

/** Logs in with the credentials and asks who it is: a verifier for `createRotation({ verify })`. */
export function postgresLogin(targets: LoginTargets): Verifier {
  return async ({ username, password }) => {
    const target = await targetOf(targets, username);
    const client = await connected({ ...target, password: password.reveal() });
    try {
      const { rows } = await client.query<{ me: string }>("SELECT current_user AS me");
      if (rows[0]?.me !== target.user) throw new Error(`logged in as ${rows[0]?.me}, not ${target.user}`);
    } finally {
      await client.end();
    }
  };
}

export interface PostgresGrantsOptions {
  /** A login that may grant membership in the credential's roles (DigitalOcean's `doadmin`, a superuser). */
  admin: AdminLogin;
  /** The role a vendor user logs in as, where it differs from its name. */
  role?: (username: string) => string | Promise<string>;
}

const TABLE_PRIVILEGES = `
  SELECT n.nspname AS schema, c.relname AS table, p.privilege
  FROM pg_class c
  JOIN pg_namespace n ON n.oid = c.relnamespace
  CROSS JOIN unnest(ARRAY['SELECT', 'INSERT', 'UPDATE', 'DELETE']) AS p(privilege)
  WHERE c.relkind IN ('r', 'p', 'v', 'm')
    AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'
    AND has_table_privilege($1, c.oid, p.privilege) AND NOT has_table_privilege($2, c.oid, p.privilege)
  ORDER BY 1, 2, 3 LIMIT 20`;

/**
 * The `grants` hook for PostgreSQL, the way AWS's multi-user rotation clones a user: the twin becomes a
 * member of the credential's original role, so it has whatever is granted to that role, now and later.
 * Then, in the admin's database, every table privilege CURRENT has must be the twin's too: a privilege
 * granted to CURRENT's own role only (not the original's) stops the promotion, naming it.
 */
export function postgresGrants(options: PostgresGrantsOptions): (context: GrantsContext) => Promise<void> {
  const roleOf = async (name: string) => (options.role ? await options.role(name) : name);
  return async ({ current, pending, original }) => {
    const [currentRole, pendingRole, originalRole] = await Promise.all([
      roleOf(current),
      roleOf(pending),
      roleOf(original),
    ]);
    const { password, ...admin } = options.admin;
    const client = await connected({ ...admin, password: revealed(password) });
    try {
      if (pendingRole !== originalRole) {
        const { rows } = await client.query<{ member: boolean }>(
          "SELECT pg_has_role($1, $2, 'MEMBER') AS member",
          [pendingRole, originalRole],
        );
        if (!rows[0]?.member) {
          const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
          await client.query(`GRANT ${quote(originalRole)} TO ${quote(pendingRole)}`);
        }
      }
      const missing = await client.query<{ schema: string; table: string; privilege: string }>(
        TABLE_PRIVILEGES,
        [currentRole, pendingRole],
      );
      if (missing.rows.length > 0) {
        const list = missing.rows.map((row) => `${row.privilege} on ${row.schema}.${row.table}`).join(", ");
        throw new Error(
          `${pending} lacks what ${current} may do: ${list}; grant it to ${originalRole}, which both share`,
        );
      }
    } finally {
      await client.end();
    }
  };
}
