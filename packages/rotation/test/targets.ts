// One place per vendor on the simulator (a cluster, a database, a server group, an account) with the
// credential's original user, and what the simulator holds there: the tests' view of the vendor.
import { createDatabaseUsers, type DatabaseUsersConfig, type ProviderName } from "@dbusers/sdk";
import { DEFAULT_TOKEN, type Simulator } from "@dbusers/simulator";
import { createMemoryStore, type RotationOptions, type TwinOptions } from "../src/index.ts";

/** The credential's original user: a name every vendor's rule takes. */
export const ORIGINAL = "appuser1";
export const ORIGINAL_PASSWORD = "Original-password-0123456789abcdef";

export interface VendorTarget {
  provider: ProviderName;
  /** JSON: a child process builds the same adapter from it. */
  config: DatabaseUsersConfig;
  twin: TwinOptions;
  /** The vendor's users there, by name. */
  names(): string[];
  /** The password the vendor holds for `name` (what logs in). */
  password(name: string): string | undefined;
}

const FAST = { retry: { baseDelayMs: 5, maxDelayMs: 20 } };
const CLOUD66_DATABASE = { uid: "db_rotation", name: "app_production" };
const HOSTUP_DATABASE = "abcde_shop";

export function addTarget(sim: Simulator, provider: ProviderName): VendorTarget {
  const token = DEFAULT_TOKEN;
  switch (provider) {
    case "digitalocean": {
      const cluster = sim.digitalocean.addCluster({
        engine: "pg",
        users: [{ name: ORIGINAL, password: ORIGINAL_PASSWORD }],
      });
      return {
        provider,
        config: { provider, token, clusterId: cluster.id, baseUrl: sim.urls.digitalocean, ...FAST },
        twin: {},
        names: () =>
          sim.digitalocean
            .listUsers(cluster.id)
            .map((user) => user.name)
            .filter((name) => name !== "doadmin"),
        password: (name) => sim.digitalocean.getUser(cluster.id, name)?.password,
      };
    }
    case "scalingo": {
      const database = sim.scalingo.addDatabase({ users: [{ name: ORIGINAL, password: ORIGINAL_PASSWORD }] });
      return {
        provider,
        config: {
          provider,
          apiToken: token,
          appId: database.appId,
          addonId: database.id,
          baseUrl: sim.urls.scalingo,
          ...FAST,
        },
        twin: {},
        names: () =>
          sim.scalingo
            .listUsers(database.id)
            .filter((user) => !user.protected)
            .map((user) => user.name),
        password: (name) => sim.scalingo.getUser(database.id, name)?.password,
      };
    }
    case "cloud66": {
      const stack = sim.cloud66.addStack({
        serverGroups: [{ databases: [CLOUD66_DATABASE] }],
        actions: { afterMs: 0 },
      });
      const groupId = stack.serverGroups[0]?.id ?? 0;
      sim.cloud66.addUser(stack.uid, groupId, {
        username: ORIGINAL,
        password: ORIGINAL_PASSWORD,
        database_ids: [CLOUD66_DATABASE.uid],
      });
      return {
        provider,
        config: {
          provider,
          token,
          stackId: stack.uid,
          serverGroupId: groupId,
          baseUrl: sim.urls.cloud66,
          wait: { minDelayMs: 1, maxDelayMs: 5 },
          ...FAST,
        },
        twin: { create: { databases: [CLOUD66_DATABASE.uid] } },
        names: () => sim.cloud66.listUsers(stack.uid, groupId).map((user) => user.username),
        password: (name) => sim.cloud66.getUser(stack.uid, groupId, name)?.password,
      };
    }
    case "hostup": {
      const account = sim.hostup.addAccount({
        databases: [HOSTUP_DATABASE],
        users: [
          {
            username: ORIGINAL,
            password: ORIGINAL_PASSWORD,
            privileges: { [HOSTUP_DATABASE]: ["SELECT", "INSERT"] },
          },
        ],
      });
      return {
        provider,
        config: { provider, token, accountId: account.id, baseUrl: sim.urls.hostup, ...FAST },
        twin: { privileges: { [HOSTUP_DATABASE]: ["SELECT", "INSERT"] } },
        names: () => sim.hostup.listUsers(account.id).map((user) => user.username),
        password: (name) => sim.hostup.getUser(account.id, name)?.password,
      };
    }
  }
}

export const VENDORS: readonly ProviderName[] = ["digitalocean", "scalingo", "cloud66", "hostup"];

/** What every rotation of the target's original user starts from: its adapter and a store of its own. */
export function originalUser(target: VendorTarget): Pick<RotationOptions, "users" | "store" | "credential"> {
  return { users: createDatabaseUsers(target.config), store: createMemoryStore(), credential: ORIGINAL };
}

/** A rotation of the target's original user with a store of its own and no drain period. */
export function rotationOptions(target: VendorTarget): RotationOptions {
  return {
    ...originalUser(target),
    initialPassword: ORIGINAL_PASSWORD,
    twin: target.twin,
    drainMs: 0,
  };
}
