// `pnpm demo --databases embedded`: the simulator's PostgreSQL (and, with --mysql, MySQL) users are real
// logins, and the tour logs in with every password it is handed. pg and mysql2 are imported on the first
// login, so that the demo without databases neither needs nor loads them.
import type { CreateUserInput, ProviderName, Secret } from "@dbusers/sdk";
import type { DatabaseConnection, DatabaseEngine, Simulator } from "@dbusers/simulator";
import type { TourTargets } from "./simulated-configs.ts";

/** What the tour does with real databases behind the simulator. */
export interface TourLogins {
  /** What create adds for the user to reach a database (Cloud 66: the group's database). */
  createInput: Pick<CreateUserInput, "databases">;
  /** Logs the user in with `password`: `✓ 12 ms as c1a2b3c4d_demo…`, `✗ 28P01`, or `n/a: …`. */
  login(name: string, password: Secret): Promise<string>;
}

/** Where a user logs in; no `database` for a user that has none yet. */
type Login = Omit<DatabaseConnection, "database"> & { database?: string };

/** The seeded Cloud 66 group is MySQL: a PostgreSQL group beside it lets the tour log in without MySQL. */
const CLOUD66_POSTGRES_DATABASE = { uid: "db_pg0001", name: "app_production" };

/** `seeded`, with the Cloud 66 tour moved to a PostgreSQL server group added to the demo stack. */
export function realDatabaseTargets(sim: Simulator, seeded: TourTargets): TourTargets {
  const group = sim.cloud66.addServerGroup(seeded.cloud66.stackId, {
    name: "postgresql",
    engine: "postgresql",
    databases: [CLOUD66_POSTGRES_DATABASE],
  });
  return { ...seeded, cloud66: { ...seeded.cloud66, serverGroupId: group.id } };
}

/** The user's server engine and where it logs in (the control handle waits for pending changes). */
function loginOf(
  provider: ProviderName,
  sim: Simulator,
  targets: TourTargets,
  name: string,
): { engine: DatabaseEngine; where: () => Promise<Login> } {
  switch (provider) {
    case "digitalocean":
      return {
        engine: "postgres",
        where: () => sim.digitalocean.connection(targets.digitalocean.clusterId, name),
      };
    case "scalingo":
      return { engine: "postgres", where: () => sim.scalingo.connection(targets.scalingo.addonId, name) };
    case "cloud66": {
      const { stackId, serverGroupId } = targets.cloud66;
      return {
        engine: "postgres",
        where: () => sim.cloud66.connection(stackId, serverGroupId, name, CLOUD66_POSTGRES_DATABASE.name),
      };
    }
    case "hostup":
      return {
        engine: "mysql",
        // A new HostUp user has no privileges yet: it logs in to the server, not to a database.
        where: async () => {
          const { database: _, ...server } = await sim.hostup.connection(
            targets.hostup.accountId,
            name,
            targets.hostup.database,
          );
          return server;
        },
      };
  }
}

/** Logs in and asks the server who we are. */
export async function currentUser(engine: DatabaseEngine, login: Login, password: string): Promise<string> {
  if (engine === "postgres") {
    const { default: pg } = await import("pg");
    const client = new pg.Client({ ...login, password });
    client.on("error", () => {}); // a connection the server ends: the query in flight fails instead
    await client.connect();
    try {
      return (await client.query<{ me: string }>("SELECT current_user AS me")).rows[0]?.me ?? "";
    } finally {
      await client.end();
    }
  }
  const mysql = await import("mysql2/promise");
  const client = await mysql.createConnection({ ...login, password });
  try {
    const [rows] = await client.query("SELECT SUBSTRING_INDEX(CURRENT_USER(), '@', 1) AS me");
    return (rows as Array<{ me: string }>)[0]?.me ?? "";
  } finally {
    await client.end();
  }
}

/** Why a vendor's user cannot log in: the demo runs without a server of its engine. */
const NO_SERVER: Readonly<Record<DatabaseEngine, string>> = {
  postgres: "n/a: no PostgreSQL server (--databases embedded)",
  mysql: "n/a: no MySQL server (--mysql <url>)",
};

export function tourLogins(provider: ProviderName, sim: Simulator, targets: TourTargets): TourLogins {
  const createInput: TourLogins["createInput"] =
    provider === "cloud66" ? { databases: [CLOUD66_POSTGRES_DATABASE.uid] } : {};
  return {
    createInput,
    async login(name, password) {
      const { engine, where } = loginOf(provider, sim, targets, name);
      if (!sim.databases[engine]) return NO_SERVER[engine];
      const started = performance.now();
      try {
        const me = await currentUser(engine, await where(), password.reveal());
        return `✓ ${Math.round(performance.now() - started)} ms as ${me}`;
      } catch (error) {
        // A driver's error by its code (28P01, ER_ACCESS_DENIED_ERROR, ECONNREFUSED); only the
        // simulator's own errors, which hold no secret, have none and show their message.
        const code = (error as { code?: unknown }).code;
        return `✗ ${typeof code === "string" ? code : (error as Error).message}`;
      }
    },
  };
}
