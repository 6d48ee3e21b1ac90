// Cloud 66 server groups on real servers: a MySQL group on MySQL/MariaDB, a PostgreSQL group on PostgreSQL,
// each a cluster holding the group's databases. Users change when their action finishes (the state
// reports it): the change is then carried out on the server before the answer that finished the action
// goes out, so that an action polled `completed` (or a list showing its user) is already true on the server.

import { createLoginWith } from "../../databases/login.ts";
import type { RealClusters } from "../../databases/real-clusters.ts";
import type { DatabaseEngine, RealCluster } from "../../databases/types.ts";
import type { OperationHandler } from "../../framework/types.ts";
import type { Cloud66Engine, Cloud66ServerGroup, Cloud66User, Cloud66UserChanges } from "./state.ts";

export const REAL_ENGINES: Record<Cloud66Engine, DatabaseEngine> = { mysql: "mysql", postgresql: "postgres" };

/** The real cluster's key: group ids are unique in a stack only. */
export function groupKey(stackUid: string, groupId: number): string {
  return `${stackUid}/${groupId}`;
}

/** Makes `user` a login with access to each of its databases: read-only for `user_type: "readonly"`. */
export function createLogin(cluster: RealCluster, user: Cloud66User): Promise<void> {
  const access = user.user_type === "readonly" ? "read-only" : "read-write";
  return createLoginWith(cluster, user.username, user.password, async () => {
    for (const database of user.databases ?? []) await cluster.setAccess(user.username, database, access);
  });
}

/**
 * Gives a group with databases its real cluster (its first database, then the others) and makes its
 * users real. A group without databases has nothing to log in to and stays in memory.
 */
export function addRealGroup(real: RealClusters, stackUid: string, group: Cloud66ServerGroup): void {
  const [first, ...others] = group.databases;
  if (!group.databaseOperations || first === undefined) return;
  real.add(
    groupKey(stackUid, group.id),
    REAL_ENGINES[group.engine],
    { database: first.name },
    async (cluster) => {
      for (const database of others) await cluster.createDatabase(database.name);
      for (const user of group.users) await createLogin(cluster, user);
    },
  );
}

/** Carries out on the server what the API's finished actions did; a refusal is logged. */
export class RealCloud66Users implements Cloud66UserChanges {
  readonly #real: RealClusters;
  /** The real clusters each stack's finished actions changed, by stack uid. */
  readonly #changedGroups = new Map<string, Set<string>>();

  constructor(real: RealClusters) {
    this.#real = real;
  }

  created(stackUid: string, groupId: number, user: Cloud66User): void {
    this.#later(stackUid, groupId, (cluster) => createLogin(cluster, user));
  }

  passwordChanged(stackUid: string, groupId: number, user: Cloud66User): void {
    this.#later(stackUid, groupId, (cluster) => cluster.setPassword(user.username, user.password));
  }

  deleted(stackUid: string, groupId: number, username: string): void {
    this.#later(stackUid, groupId, (cluster) => cluster.dropUser(username));
  }

  /** Settles once the servers carried out every change the stack's finished actions asked for. */
  async caughtUp(stackUid: string): Promise<void> {
    const keys = this.#changedGroups.get(stackUid) ?? new Set<string>();
    await Promise.all([...keys].map((key) => this.#real.idle(key)));
  }

  #later(stackUid: string, groupId: number, operation: (cluster: RealCluster) => Promise<void>): void {
    const key = groupKey(stackUid, groupId);
    if (!this.#real.has(key)) return;
    this.#real.later(key, operation);
    const keys = this.#changedGroups.get(stackUid) ?? new Set<string>();
    this.#changedGroups.set(stackUid, keys.add(key));
  }
}

/**
 * The handlers, each answering only once the servers carried out what its request made finish (any
 * request that reads a stack lets its due actions finish): what the API says done is done.
 */
export function answeringOnceApplied(
  handlers: Record<string, OperationHandler>,
  users: RealCloud66Users,
): Record<string, OperationHandler> {
  return Object.fromEntries(
    Object.entries(handlers).map(([operationId, handle]) => [
      operationId,
      async (context) => {
        const answer = await handle(context);
        await users.caughtUp(context.params.stack_id ?? "");
        return answer;
      },
    ]),
  );
}
