// Scalingo database addons on real servers: PostgreSQL addons on PostgreSQL, MySQL addons on MySQL/MariaDB,
// each a cluster whose database is named like the addon's resource (and its protected owner); other
// engines stay in memory. The state keeps the passwords it hands out; the server decides who logs in.

import { createLoginWith } from "../../databases/login.ts";
import type { RealClusters } from "../../databases/real-clusters.ts";
import { DatabaseBackendError, type DatabaseEngine, type RealCluster } from "../../databases/types.ts";
import { scalingoErrors } from "./errors.ts";
import type { ScalingoEngine, ScalingoState, ScalingoUser, ScalingoUserInput } from "./state.ts";

type MaybePromise<T> = T | Promise<T>;

/** The server engine behind a Scalingo addon, for those that have one. */
export const REAL_ENGINES: Partial<Record<ScalingoEngine, DatabaseEngine>> = {
  postgresql: "postgres",
  mysql: "mysql",
};

/** What the handlers do to users: the in-memory state's methods, or `RealScalingoUsers`. */
export interface ScalingoUserOperations {
  listUsers(databaseId: string): MaybePromise<ScalingoUser[]>;
  addUser(databaseId: string, input: ScalingoUserInput): MaybePromise<ScalingoUser>;
  setPassword(databaseId: string, name: string, password: string): MaybePromise<ScalingoUser>;
  resetPassword(databaseId: string, name: string): MaybePromise<ScalingoUser>;
  deleteUser(databaseId: string, name: string): MaybePromise<void>;
}

/** Makes `user` a login of `cluster` on the addon's database, read-only as Scalingo's `read_only` says. */
export function createLogin(cluster: RealCluster, database: string, user: ScalingoUser): Promise<void> {
  return createLoginWith(cluster, user.name, user.password, () =>
    cluster.setAccess(user.name, database, user.read_only ? "read-only" : "read-write"),
  );
}

/** A server's refusal in Scalingo's terms; anything else stays a 500. */
function refusal(error: unknown): unknown {
  if (!(error instanceof DatabaseBackendError)) return error;
  if (error.kind === "exists") return scalingoErrors.unprocessable({ name: ["has already been taken"] });
  if (error.kind === "invalid_name") return scalingoErrors.unprocessable({ name: [error.message] });
  return error;
}

/**
 * The handlers' operations for addons on a real server; other addons go straight to the state. Each runs
 * in the addon's queue: the state checks and changes first (Scalingo's own errors), and a change the
 * server refuses is undone there before anything else sees it.
 */
export class RealScalingoUsers implements ScalingoUserOperations {
  readonly #state: ScalingoState;
  readonly #real: RealClusters;

  constructor(state: ScalingoState, real: RealClusters) {
    this.#state = state;
    this.#real = real;
  }

  listUsers(databaseId: string): MaybePromise<ScalingoUser[]> {
    if (!this.#real.has(databaseId)) return this.#state.listUsers(databaseId);
    return this.#real.run(databaseId, async (cluster) => {
      const onServer = new Set(await cluster.listUsers());
      return this.#state.listUsers(databaseId).filter((user) => onServer.has(user.name));
    });
  }

  addUser(databaseId: string, input: ScalingoUserInput): MaybePromise<ScalingoUser> {
    if (!this.#real.has(databaseId)) return this.#state.addUser(databaseId, input);
    return this.#real.run(databaseId, async (cluster) => {
      const user = this.#state.addUser(databaseId, input);
      try {
        await createLogin(cluster, this.#databaseName(databaseId), user);
      } catch (error) {
        this.#state.removeUser(databaseId, user.name);
        throw refusal(error);
      }
      return user;
    });
  }

  setPassword(databaseId: string, name: string, password: string): MaybePromise<ScalingoUser> {
    if (!this.#real.has(databaseId)) return this.#state.setPassword(databaseId, name, password);
    return this.#changed(databaseId, name, () => this.#state.setPassword(databaseId, name, password));
  }

  resetPassword(databaseId: string, name: string): MaybePromise<ScalingoUser> {
    if (!this.#real.has(databaseId)) return this.#state.resetPassword(databaseId, name);
    return this.#changed(databaseId, name, () => this.#state.resetPassword(databaseId, name));
  }

  deleteUser(databaseId: string, name: string): MaybePromise<void> {
    if (!this.#real.has(databaseId)) return this.#state.deleteUser(databaseId, name);
    return this.#real.run(databaseId, async (cluster) => {
      const before = await this.#existing(cluster, databaseId, name);
      this.#state.deleteUser(databaseId, name);
      await this.#undoneIfRefused(databaseId, before, () => cluster.dropUser(name));
    });
  }

  /** A password change (`change`, which checks it is allowed) carried out on the server. */
  #changed(databaseId: string, name: string, change: () => ScalingoUser): Promise<ScalingoUser> {
    return this.#real.run(databaseId, async (cluster) => {
      const before = await this.#existing(cluster, databaseId, name);
      const after = change();
      await this.#undoneIfRefused(databaseId, before, () => cluster.setPassword(name, after.password));
      return after;
    });
  }

  #databaseName(databaseId: string): string {
    const database = this.#state.getDatabase(databaseId);
    if (!database) throw scalingoErrors.notFound("database");
    return database.name;
  }

  /** The user, if the state has it and the server still does (a login dropped outside is gone). */
  async #existing(cluster: RealCluster, databaseId: string, name: string): Promise<ScalingoUser> {
    const user = this.#state.findUser(databaseId, name);
    if (!user || !(await cluster.listUsers()).includes(name)) {
      throw scalingoErrors.notFound(this.#state.getDatabase(databaseId) ? "database_user" : "database");
    }
    return user;
  }

  async #undoneIfRefused(
    databaseId: string,
    before: ScalingoUser,
    onServer: () => Promise<void>,
  ): Promise<void> {
    try {
      await onServer();
    } catch (error) {
      this.#state.putUser(databaseId, before);
      throw refusal(error);
    }
  }
}
