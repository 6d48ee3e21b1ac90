// `sim.scalingo`: the control handle. It is synchronous (tests, demos and Pact provider states call it
// without waiting): on an addon with a real server it changes the state at once and starts the same change
// on the server, which the next request to that addon waits for.
import type { RealClusters } from "../../databases/real-clusters.ts";
import type { DatabaseConnection } from "../../databases/types.ts";
import { createLogin, REAL_ENGINES } from "./real-databases.ts";
import type {
  ScalingoDatabase,
  ScalingoDatabaseInput,
  ScalingoState,
  ScalingoUser,
  ScalingoUserInput,
  ScalingoUserShape,
} from "./state.ts";
import type { TokenIssuer } from "./tokens.ts";

/**
 * Control handle for tests, demos and Pact provider states (`sim.scalingo`). Reads return copies;
 * nothing here is rate-limited, validated against the spec or subject to scripted faults.
 */
export interface ScalingoControl {
  /** Creates a database addon of an app, with its protected owner user named like the database. */
  addDatabase(input?: ScalingoDatabaseInput): ScalingoDatabase;
  getDatabase(id: string): ScalingoDatabase | undefined;
  listDatabases(): ScalingoDatabase[];
  removeDatabase(id: string): boolean;
  /**
   * Adds a user; a name already taken throws. The creation rules for names are not applied, so that
   * users made before them (`old_user`) can be set up.
   */
  addUser(databaseId: string, input: ScalingoUserInput): ScalingoUser;
  /** The user with its password, or `undefined`. */
  getUser(databaseId: string, name: string): ScalingoUser | undefined;
  /** The database's users with their passwords (`[]` for an unknown database). */
  listUsers(databaseId: string): ScalingoUser[];
  /** Removes a user, the protected owner included; `false` if there was none. */
  removeUser(databaseId: string, name: string): boolean;
  /**
   * Refuses (401) every bearer and addon token minted so far, as if their hour had passed: what a
   * client that cached them meets. API tokens stay valid.
   */
  expireTokens(): void;
  /**
   * How create, update and reset answer the user: `"rooted"` (`{"database_user": {…}}`, the default,
   * as Scalingo's clients decode it) or `"bare"` (as the documentation's examples show it).
   */
  setUserShape(shape: ScalingoUserShape): void;
  /** Removes every database (unlike `sim.reset()`, which goes back to the seed). */
  clear(): void;
  /**
   * Where user `name` of an addon on a real server (`startSimulator({ databases })`, PostgreSQL and MySQL
   * addons) logs in to the addon's database: pass it to `pg` or `mysql2` with the user's password. Waits
   * for the addon's pending changes; rejects for an addon kept in memory.
   */
  connection(databaseId: string, name: string): Promise<DatabaseConnection>;
}

export function scalingoControl(
  state: ScalingoState,
  issuer: TokenIssuer,
  real: RealClusters,
): ScalingoControl {
  return {
    addDatabase: (input) => {
      const database = state.addDatabase(input);
      const engine = REAL_ENGINES[database.engine];
      if (engine) {
        real.add(database.id, engine, { database: database.name }, async (server) => {
          for (const user of database.users) await createLogin(server, database.name, user);
        });
      }
      return database;
    },
    getDatabase: (id) => state.getDatabase(id),
    listDatabases: () => state.listDatabases(),
    removeDatabase: (id) => {
      real.remove(id);
      return state.removeDatabase(id);
    },
    addUser: (databaseId, input) => {
      const database = state.getDatabase(databaseId);
      if (!database) throw new Error(`no Scalingo database ${databaseId} in the simulator`);
      const user = state.addUser(databaseId, input);
      if (real.has(databaseId)) {
        // A user the server refuses (e.g. a name too long) is taken back from the state.
        real.later(
          databaseId,
          (server) => createLogin(server, database.name, user),
          () => state.removeUser(databaseId, user.name),
        );
      }
      return user;
    },
    getUser: (databaseId, name) => state.findUser(databaseId, name),
    listUsers: (databaseId) => state.getDatabase(databaseId)?.users ?? [],
    removeUser: (databaseId, name) => {
      const removed = state.removeUser(databaseId, name);
      if (removed && real.has(databaseId)) real.later(databaseId, (server) => server.dropUser(name));
      return removed;
    },
    expireTokens: () => issuer.expireAll(),
    setUserShape: (shape) => {
      state.userShape = shape;
    },
    clear: () => {
      real.clear();
      state.clear();
    },
    connection: async (databaseId, name) => {
      const database = state.getDatabase(databaseId);
      if (!database || !real.has(databaseId)) {
        throw new Error(
          `Scalingo database ${databaseId} is kept in memory: only PostgreSQL and MySQL addons of a simulator started with databases for their engine are on a real server`,
        );
      }
      return real.run(databaseId, async (server) => server.connection(name, database.name));
    },
  };
}
