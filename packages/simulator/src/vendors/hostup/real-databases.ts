// HostUp accounts on a real MySQL/MariaDB server: each account a cluster whose databases are the account's,
// each user a login holding its privileges there. The state keeps what a server cannot tell (ids, hosts,
// the password HostUp was given); the server decides which users exist, who logs in and what they may do.

import { createLoginWith } from "../../databases/login.ts";
import type { RealClusters } from "../../databases/real-clusters.ts";
import { DatabaseBackendError, type MysqlCluster, type RealCluster } from "../../databases/types.ts";
import { hostupErrors } from "./errors.ts";
import type { components } from "./generated/schema.ts";
import type { HostUpPrivilege, HostUpState, HostUpUser } from "./state.ts";

type DatabaseUser = components["schemas"]["database_user"];
type DatabasePrivileges = components["schemas"]["database_privileges"];
type MaybePromise<T> = T | Promise<T>;

/** What the handlers do to users: the in-memory state's methods, or `RealHostUpUsers`. */
export interface HostUpUserOperations {
  listUsers(accountId: string): MaybePromise<DatabaseUser[]>;
  createUser(accountId: string, username: string, password: string): MaybePromise<DatabaseUser>;
  deleteUser(accountId: string, key: string): MaybePromise<void>;
  setPassword(accountId: string, key: string, password: string): MaybePromise<DatabaseUser>;
  grant(
    accountId: string,
    key: string,
    database: string,
    privileges: readonly HostUpPrivilege[],
  ): MaybePromise<DatabasePrivileges>;
  revoke(
    accountId: string,
    key: string,
    database: string,
    privileges: readonly HostUpPrivilege[] | undefined,
  ): MaybePromise<void>;
}

/** HostUp's shared hosting is MySQL only: its clusters are `MysqlCluster`s. */
export function mysqlCluster(cluster: RealCluster): MysqlCluster {
  if (cluster.engine !== "mysql") throw new Error("a HostUp account is on MySQL");
  return cluster;
}

/** Makes `user` a login of `cluster` with its privileges on each of the account's databases. */
export function createLogin(cluster: MysqlCluster, user: HostUpUser): Promise<void> {
  return createLoginWith(cluster, user.username, user.password, async () => {
    for (const [database, privileges] of Object.entries(user.privileges)) {
      await cluster.grantPrivileges(user.username, database, privileges);
    }
  });
}

/** A server's refusal as HostUp's problem; anything else stays a 500. */
function refusal(error: unknown, username: string): unknown {
  if (!(error instanceof DatabaseBackendError)) return error;
  if (error.kind === "exists")
    return hostupErrors.conflict(`A database user named ${username} already exists.`);
  if (error.kind === "invalid_name") {
    return hostupErrors.invalid("The request body failed validation.", [
      { pointer: "/username", detail: `\`username\` ${error.message}.`, code: "invalid_request" },
    ]);
  }
  if (error.kind === "unknown_privilege") {
    return hostupErrors.invalid("The request body failed validation.", [
      { pointer: "/privileges", detail: `\`privileges\`: ${error.message}.`, code: "invalid_request" },
    ]);
  }
  return error;
}

/**
 * The handlers' operations for accounts on a real server; other accounts go straight to the state. Each
 * runs in the account's queue: the state checks the request and changes first (HostUp's own errors), and
 * a change the server refuses is undone there before anything else sees it.
 */
export class RealHostUpUsers implements HostUpUserOperations {
  readonly #state: HostUpState;
  readonly #real: RealClusters;

  constructor(state: HostUpState, real: RealClusters) {
    this.#state = state;
    this.#real = real;
  }

  listUsers(accountId: string): MaybePromise<DatabaseUser[]> {
    if (!this.#real.has(accountId)) return this.#state.listUsers(accountId);
    return this.#real.run(accountId, async (cluster) => {
      const onServer = new Set(await cluster.listUsers());
      return this.#state.listUsers(accountId).filter((user) => onServer.has(user.username));
    });
  }

  createUser(accountId: string, username: string, password: string): MaybePromise<DatabaseUser> {
    if (!this.#real.has(accountId)) return this.#state.createUser(accountId, username, password);
    return this.#real.run(accountId, async (cluster) => {
      const created = this.#state.createUser(accountId, username, password);
      try {
        await cluster.createUser(username, password);
      } catch (error) {
        this.#state.removeUser(accountId, created.id);
        throw refusal(error, username);
      }
      return created;
    });
  }

  deleteUser(accountId: string, key: string): MaybePromise<void> {
    if (!this.#real.has(accountId)) return this.#state.deleteUser(accountId, key);
    return this.#real.run(accountId, async (cluster) => {
      const before = await this.#existing(cluster, accountId, key);
      this.#state.deleteUser(accountId, key);
      await this.#undoneIfRefused(accountId, before, () => cluster.dropUser(before.username));
    });
  }

  setPassword(accountId: string, key: string, password: string): MaybePromise<DatabaseUser> {
    if (!this.#real.has(accountId)) return this.#state.setPassword(accountId, key, password);
    return this.#real.run(accountId, async (cluster) => {
      const before = await this.#existing(cluster, accountId, key);
      const after = this.#state.setPassword(accountId, key, password);
      await this.#undoneIfRefused(accountId, before, () => cluster.setPassword(before.username, password));
      return after;
    });
  }

  grant(
    accountId: string,
    key: string,
    database: string,
    privileges: readonly HostUpPrivilege[],
  ): MaybePromise<DatabasePrivileges> {
    if (!this.#real.has(accountId)) return this.#state.grant(accountId, key, database, privileges);
    return this.#real.run(accountId, async (cluster) => {
      const before = await this.#existing(cluster, accountId, key);
      const granted = this.#state.grant(accountId, key, database, privileges);
      await this.#undoneIfRefused(accountId, before, () =>
        mysqlCluster(cluster).grantPrivileges(before.username, database, privileges),
      );
      return granted;
    });
  }

  revoke(
    accountId: string,
    key: string,
    database: string,
    privileges: readonly HostUpPrivilege[] | undefined,
  ): MaybePromise<void> {
    if (!this.#real.has(accountId)) return this.#state.revoke(accountId, key, database, privileges);
    return this.#real.run(accountId, async (cluster) => {
      const before = await this.#existing(cluster, accountId, key);
      this.#state.revoke(accountId, key, database, privileges);
      // No privilege named means all of them, as the state has it.
      const revoked = privileges ?? ["ALL PRIVILEGES"];
      await this.#undoneIfRefused(accountId, before, () =>
        mysqlCluster(cluster).revokePrivileges(before.username, database, revoked),
      );
    });
  }

  /** The user, if the state has it and the server still does (a login dropped outside is gone). */
  async #existing(cluster: RealCluster, accountId: string, key: string): Promise<HostUpUser> {
    const user = this.#state.findUser(accountId, key);
    if (!user || !(await cluster.listUsers()).includes(user.username)) throw hostupErrors.notFound();
    return user;
  }

  async #undoneIfRefused(
    accountId: string,
    before: HostUpUser,
    onServer: () => Promise<void>,
  ): Promise<void> {
    try {
      await onServer();
    } catch (error) {
      this.#state.putUser(accountId, before);
      throw refusal(error, before.username);
    }
  }
}
