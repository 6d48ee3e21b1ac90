// DigitalOcean clusters on real servers: pg clusters on PostgreSQL, mysql clusters on MySQL/MariaDB, each
// with its `defaultdb`; other engines stay in memory. The state keeps what a server cannot hold (role,
// settings, the password it hands out); the server decides which users exist and who may log in.

import { createLoginWith } from "../../databases/login.ts";
import type { RealClusters } from "../../databases/real-clusters.ts";
import { DatabaseBackendError, type DatabaseEngine, type RealCluster } from "../../databases/types.ts";
import { doErrors } from "./errors.ts";
import type { DigitalOceanUserOperations } from "./handlers.ts";
import type {
  DigitalOceanEngine,
  DigitalOceanState,
  DigitalOceanUser,
  DigitalOceanUserInput,
  DigitalOceanUserSettings,
} from "./state.ts";

/** The server engine behind a DigitalOcean engine, for those that have one. */
export const REAL_ENGINES: Partial<Record<DigitalOceanEngine, DatabaseEngine>> = {
  pg: "postgres",
  mysql: "mysql",
};

/** The database every DigitalOcean cluster is created with. */
export const DEFAULT_DATABASE = "defaultdb";

/**
 * Makes `user` a login of `cluster` that may read and write `defaultdb`, as DigitalOcean's users can.
 * (MariaDB has no `caching_sha2_password`: the login gets the server's default plugin, the state keeps
 * the `auth_plugin` the API reports.)
 */
export function createLogin(cluster: RealCluster, user: DigitalOceanUser): Promise<void> {
  return createLoginWith(cluster, user.name, user.password, () =>
    cluster.setAccess(user.name, DEFAULT_DATABASE, "read-write"),
  );
}

/** A server's refusal in DigitalOcean's terms; anything else stays a 500. */
function refusal(error: unknown, name: string): unknown {
  if (!(error instanceof DatabaseBackendError)) return error;
  if (error.kind === "exists") return doErrors.unprocessable(`user ${name} already exists`);
  if (error.kind === "invalid_name") return doErrors.unprocessable(`invalid user name: ${error.message}`);
  return error;
}

/**
 * The handlers' operations for clusters on a real server; other clusters go straight to the state. Each
 * runs in the cluster's queue, so a change the server refuses is undone in the state before anything
 * else sees it.
 */
export class RealDatabaseUsers implements DigitalOceanUserOperations {
  readonly #state: DigitalOceanState;
  readonly #real: RealClusters;

  constructor(state: DigitalOceanState, real: RealClusters) {
    this.#state = state;
    this.#real = real;
  }

  listUsers(clusterId: string): DigitalOceanUser[] | Promise<DigitalOceanUser[]> {
    if (!this.#real.has(clusterId)) return this.#state.listUsers(clusterId);
    return this.#real.run(clusterId, async (cluster) => {
      const onServer = new Set(await cluster.listUsers());
      return this.#state.listUsers(clusterId).filter((user) => onServer.has(user.name));
    });
  }

  getUser(clusterId: string, name: string): DigitalOceanUser | Promise<DigitalOceanUser> {
    if (!this.#real.has(clusterId)) return this.#state.getUser(clusterId, name);
    return this.#real.run(clusterId, (cluster) => this.#existing(cluster, clusterId, name));
  }

  addUser(clusterId: string, input: DigitalOceanUserInput): DigitalOceanUser | Promise<DigitalOceanUser> {
    if (!this.#real.has(clusterId)) return this.#state.addUser(clusterId, input);
    return this.#real.run(clusterId, async (cluster) => {
      const user = this.#state.addUser(clusterId, input);
      try {
        await createLogin(cluster, user);
      } catch (error) {
        this.#state.removeUser(clusterId, user.name);
        throw refusal(error, user.name);
      }
      return user;
    });
  }

  updateUser(
    clusterId: string,
    name: string,
    settings: DigitalOceanUserSettings,
  ): DigitalOceanUser | Promise<DigitalOceanUser> {
    if (!this.#real.has(clusterId)) return this.#state.updateUser(clusterId, name, settings);
    // Settings are the state's alone (no server counterpart); the user must still exist on the server.
    return this.#real.run(clusterId, async (cluster) => {
      await this.#existing(cluster, clusterId, name);
      return this.#state.updateUser(clusterId, name, settings);
    });
  }

  resetAuth(
    clusterId: string,
    name: string,
    mysqlSettings: Parameters<DigitalOceanState["resetAuth"]>[2],
  ): DigitalOceanUser | Promise<DigitalOceanUser> {
    if (!this.#real.has(clusterId)) return this.#state.resetAuth(clusterId, name, mysqlSettings);
    return this.#real.run(clusterId, async (cluster) => {
      const before = await this.#existing(cluster, clusterId, name);
      const after = this.#state.resetAuth(clusterId, name, mysqlSettings);
      await this.#undoneIfRefused(clusterId, before, () => cluster.setPassword(name, after.password));
      return after;
    });
  }

  deleteUser(clusterId: string, name: string): void | Promise<void> {
    if (!this.#real.has(clusterId)) return this.#state.deleteUser(clusterId, name);
    return this.#real.run(clusterId, async (cluster) => {
      const before = await this.#existing(cluster, clusterId, name);
      this.#state.deleteUser(clusterId, name);
      await this.#undoneIfRefused(clusterId, before, () => cluster.dropUser(name));
    });
  }

  /** The user, if the state has it and the server still does (a role dropped outside is gone). */
  async #existing(cluster: RealCluster, clusterId: string, name: string): Promise<DigitalOceanUser> {
    const user = this.#state.getUser(clusterId, name);
    if (!(await cluster.listUsers()).includes(name)) throw doErrors.notFound();
    return user;
  }

  async #undoneIfRefused(
    clusterId: string,
    before: DigitalOceanUser,
    onServer: () => Promise<void>,
  ): Promise<void> {
    try {
      await onServer();
    } catch (error) {
      this.#state.putUser(clusterId, before);
      throw refusal(error, before.name);
    }
  }
}
