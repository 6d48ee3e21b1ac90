// The facade configuration of each vendor against the in-process simulator's demo seed: what another
// team would write, with the simulator's URL as `baseUrl` and its demo token.
import type { DatabaseUsersConfig, Logger, ProviderName } from "@dbusers/sdk";
import {
  CLOUD66_DEMO_SEED,
  DEFAULT_TOKEN,
  DIGITALOCEAN_DEMO_SEED,
  HOSTUP_DEMO_SEED,
  SCALINGO_DEMO_SEED,
  type Simulator,
} from "@dbusers/simulator";

/** Each vendor's create operation in its spec, for the simulator's faults. */
export const CREATE_OPERATION: Readonly<Record<ProviderName, string>> = {
  digitalocean: "databases_add_user",
  scalingo: "database_create_user",
  cloud66: "database_users_create",
  hostup: "create_database_user",
};

const first = <T>(items: readonly T[] | undefined, what: string): T => {
  const item = items?.[0];
  if (item === undefined) throw new Error(`the simulator's demo seed has no ${what}`);
  return item;
};

export function simulatedConfig(provider: ProviderName, sim: Simulator, logger: Logger): DatabaseUsersConfig {
  // Fast retries and polls: the tour shows what happens, not how long a real API makes it take.
  const common = { token: DEFAULT_TOKEN, logger, retry: { baseDelayMs: 50, maxDelayMs: 200 } };
  switch (provider) {
    case "digitalocean": {
      const cluster = first(DIGITALOCEAN_DEMO_SEED.clusters, "cluster");
      return { provider, ...common, clusterId: cluster.id ?? "", baseUrl: sim.urls.digitalocean };
    }
    case "scalingo": {
      const database = first(SCALINGO_DEMO_SEED.databases, "database");
      const { token, ...rest } = common;
      return {
        provider,
        ...rest,
        apiToken: token,
        appId: database.appId ?? "",
        addonId: database.id ?? "",
        baseUrl: sim.urls.scalingo,
      };
    }
    case "cloud66": {
      const stack = first(CLOUD66_DEMO_SEED.stacks, "stack");
      const group = first(stack.serverGroups, "server group");
      return {
        provider,
        ...common,
        stackId: stack.uid ?? "",
        serverGroupId: group.id ?? 0,
        baseUrl: sim.urls.cloud66,
        wait: { minDelayMs: 100, maxDelayMs: 300 },
      };
    }
    case "hostup": {
      const account = first(HOSTUP_DEMO_SEED.accounts, "account");
      return { provider, ...common, accountId: account.id ?? "", baseUrl: sim.urls.hostup };
    }
  }
}

/**
 * The simulator at the tour's pace. A Cloud 66 action finishes when polled or once it is old enough
 * (10 s by default); a create whose answer was lost cannot be polled (its id went with the answer), so
 * the tour's Cloud 66 actions come of age in one second.
 */
export function paceForTheTour(sim: Simulator): void {
  for (const stack of CLOUD66_DEMO_SEED.stacks ?? []) {
    if (stack.uid) sim.cloud66.setActionBehaviour(stack.uid, { afterMs: 1_000 });
  }
}
