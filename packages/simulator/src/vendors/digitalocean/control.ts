// `sim.digitalocean`: the control handle. It is synchronous (tests, demos and Pact provider states call it
// without waiting): on a cluster with a real server it changes the state at once and starts the same
// change on the server, which the next request to that cluster waits for.
import type { RealClusters } from "../../databases/real-clusters.ts";
import type { DatabaseConnection } from "../../databases/types.ts";
import { createLogin, DEFAULT_DATABASE, REAL_ENGINES } from "./real-databases.ts";
import type {
  DigitalOceanCluster,
  DigitalOceanClusterInput,
  DigitalOceanState,
  DigitalOceanUser,
  DigitalOceanUserInput,
} from "./state.ts";

/**
 * Control handle for tests, demos and Pact provider states (`sim.digitalocean`). Reads return copies of
 * the simulator's own records; nothing here is rate-limited, validated against the spec or subject to
 * scripted faults.
 */
export interface DigitalOceanControl {
  /** Creates a cluster with its primary user `doadmin` (none for Caching/Valkey) and the given users. */
  addCluster(input: DigitalOceanClusterInput): DigitalOceanCluster;
  getCluster(id: string): DigitalOceanCluster | undefined;
  listClusters(): DigitalOceanCluster[];
  removeCluster(id: string): boolean;
  /** Adds a user with the API's rules (engine-specific settings, duplicate names refused); throws on error. */
  addUser(clusterId: string, input: DigitalOceanUserInput): DigitalOceanUser;
  /** The user with its password, or `undefined`. */
  getUser(clusterId: string, name: string): DigitalOceanUser | undefined;
  /** The cluster's users with their passwords (`[]` for an unknown cluster). */
  listUsers(clusterId: string): DigitalOceanUser[];
  /** Removes a user, the primary one included; `false` if there was none. */
  removeUser(clusterId: string, name: string): boolean;
  /** Removes every cluster (unlike `sim.reset()`, which goes back to the seed). */
  clear(): void;
  /**
   * Where user `name` of a cluster on a real server (`startSimulator({ databases })`, pg and mysql
   * clusters) logs in to `defaultdb`: pass it to `pg` or `mysql2` with the user's password. Waits for the
   * cluster's pending changes; rejects for a cluster kept in memory.
   */
  connection(clusterId: string, name: string): Promise<DatabaseConnection>;
}

export function digitalOceanControl(state: DigitalOceanState, real: RealClusters): DigitalOceanControl {
  return {
    addCluster: (input) => {
      const cluster = state.addCluster(input);
      const engine = REAL_ENGINES[cluster.engine];
      if (engine) {
        real.add(cluster.id, engine, { database: DEFAULT_DATABASE }, async (server) => {
          for (const user of cluster.users) await createLogin(server, user);
        });
      }
      return cluster;
    },
    getCluster: (id) => state.getCluster(id),
    listClusters: () => state.listClusters(),
    removeCluster: (id) => {
      real.remove(id);
      return state.removeCluster(id);
    },
    addUser: (clusterId, input) => {
      if (!state.getCluster(clusterId))
        throw new Error(`no DigitalOcean cluster ${clusterId} in the simulator`);
      const user = state.addUser(clusterId, input);
      if (real.has(clusterId)) {
        // A user the server refuses (e.g. a name too long) is taken back from the state.
        real.later(
          clusterId,
          (server) => createLogin(server, user),
          () => state.removeUser(clusterId, user.name),
        );
      }
      return user;
    },
    getUser: (clusterId, name) => state.findUser(clusterId, name),
    listUsers: (clusterId) => state.getCluster(clusterId)?.users ?? [],
    removeUser: (clusterId, name) => {
      const removed = state.removeUser(clusterId, name);
      if (removed && real.has(clusterId)) real.later(clusterId, (server) => server.dropUser(name));
      return removed;
    },
    clear: () => {
      real.clear();
      state.clear();
    },
    connection: async (clusterId, name) => {
      if (!real.has(clusterId)) {
        throw new Error(
          `DigitalOcean cluster ${clusterId} is kept in memory: only pg and mysql clusters of a simulator started with databases for their engine are on a real server`,
        );
      }
      return real.run(clusterId, async (server) => server.connection(name, DEFAULT_DATABASE));
    },
  };
}
