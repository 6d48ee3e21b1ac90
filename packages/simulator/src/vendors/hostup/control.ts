// `sim.hostup`: the control handle. It is synchronous (tests, demos and Pact provider states call it without
// waiting): on an account with a real server it changes the state at once and starts the same change on
// the server, which the next request to that account waits for.
import type { RealClusters } from "../../databases/real-clusters.ts";
import type { DatabaseConnection } from "../../databases/types.ts";
import { createLogin, mysqlCluster } from "./real-databases.ts";
import type { HostUpAccount, HostUpAccountInput, HostUpState, HostUpUser, HostUpUserInput } from "./state.ts";

/**
 * Control handle for tests, demos and Pact provider states (`sim.hostup`). Users are looked up by
 * their `dbu_…` id or their name, as the API does. Reads return copies; nothing here is rate-limited,
 * validated against the spec or subject to scripted faults.
 */
export interface HostUpControl {
  /** Creates a shared-hosting account with its MySQL databases and users. */
  addAccount(input?: HostUpAccountInput): HostUpAccount;
  getAccount(id: string): HostUpAccount | undefined;
  listAccounts(): HostUpAccount[];
  removeAccount(id: string): boolean;
  /** Adds a user (any name, as users made in cPanel may have); throws on a taken name or an unknown database. */
  addUser(accountId: string, input: HostUpUserInput): HostUpUser;
  /** The user (by id or name) with its password and its privileges per database, or `undefined`. */
  getUser(accountId: string, user: string): HostUpUser | undefined;
  /** The account's users with passwords and privileges (`[]` for an unknown account). */
  listUsers(accountId: string): HostUpUser[];
  /** Removes a user (by id or name); `false` if there was none. */
  removeUser(accountId: string, user: string): boolean;
  /** Removes every account (unlike `sim.reset()`, which goes back to the seed). */
  clear(): void;
  /**
   * Where user `username` of an account on a real server (`startSimulator({ databases: { mysql } })`,
   * accounts with at least one database) logs in to `database`: pass it to `mysql2` with the user's
   * password. Waits for the account's pending changes; rejects for an account kept in memory.
   */
  connection(accountId: string, username: string, database: string): Promise<DatabaseConnection>;
}

export function hostupControl(state: HostUpState, real: RealClusters): HostUpControl {
  return {
    addAccount: (input) => {
      const account = state.addAccount(input);
      const [first, ...others] = account.databases;
      // A real cluster comes with its first database: an account without any stays in memory.
      if (first !== undefined) {
        real.add(account.id, "mysql", { database: first }, async (server) => {
          const cluster = mysqlCluster(server);
          for (const database of others) await cluster.createDatabase(database);
          for (const user of account.users) await createLogin(cluster, user);
        });
      }
      return account;
    },
    getAccount: (id) => state.getAccount(id),
    listAccounts: () => state.listAccounts(),
    removeAccount: (id) => {
      real.remove(id);
      return state.removeAccount(id);
    },
    addUser: (accountId, input) => {
      const user = state.addUser(accountId, input);
      if (real.has(accountId)) {
        // A user the server refuses (e.g. a name too long) is taken back from the state.
        real.later(
          accountId,
          (server) => createLogin(mysqlCluster(server), user),
          () => state.removeUser(accountId, user.id),
        );
      }
      return user;
    },
    getUser: (accountId, user) => state.findUser(accountId, user),
    listUsers: (accountId) => state.getAccount(accountId)?.users ?? [],
    removeUser: (accountId, key) => {
      const user = state.findUser(accountId, key);
      const removed = state.removeUser(accountId, key);
      if (user && real.has(accountId)) real.later(accountId, (server) => server.dropUser(user.username));
      return removed;
    },
    clear: () => {
      real.clear();
      state.clear();
    },
    connection: async (accountId, username, database) => {
      if (!real.has(accountId)) {
        throw new Error(
          `HostUp account ${accountId} is kept in memory: only accounts with a database, of a simulator started with a MySQL server, are on a real server`,
        );
      }
      return real.run(accountId, async (server) => server.connection(username, database));
    },
  };
}
