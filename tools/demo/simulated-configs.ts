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

/** Where the tour runs on each vendor. */
export interface TourTargets {
  digitalocean: { clusterId: string };
  scalingo: { appId: string; addonId: string };
  cloud66: { stackId: string; serverGroupId: number };
  hostup: { accountId: string; database: string };
}

const first = <T>(items: readonly T[] | undefined, what: string): T => {
  const item = items?.[0];
  if (item === undefined) throw new Error(`the simulator's demo seed has no ${what}`);
  return item;
};

/** The demo seed's first of each: a PostgreSQL cluster and database, a MySQL server group, an account. */
export function seededTargets(): TourTargets {
  const database = first(SCALINGO_DEMO_SEED.databases, "database");
  const stack = first(CLOUD66_DEMO_SEED.stacks, "stack");
  const account = first(HOSTUP_DEMO_SEED.accounts, "account");
  return {
    digitalocean: { clusterId: first(DIGITALOCEAN_DEMO_SEED.clusters, "cluster").id ?? "" },
    scalingo: { appId: database.appId ?? "", addonId: database.id ?? "" },
    cloud66: { stackId: stack.uid ?? "", serverGroupId: first(stack.serverGroups, "server group").id ?? 0 },
    hostup: { accountId: account.id ?? "", database: first(account.databases, "account database") },
  };
}

export function simulatedConfig(
  provider: ProviderName,
  sim: Simulator,
  logger: Logger,
  targets: TourTargets = seededTargets(),
): DatabaseUsersConfig {
  // Fast retries and polls: the tour shows what happens, not how long a real API makes it take.
  const common = { token: DEFAULT_TOKEN, logger, retry: { baseDelayMs: 50, maxDelayMs: 200 } };
  switch (provider) {
    case "digitalocean":
      return { provider, ...common, ...targets.digitalocean, baseUrl: sim.urls.digitalocean };
    case "scalingo": {
      const { token, ...rest } = common;
      return { provider, ...rest, apiToken: token, ...targets.scalingo, baseUrl: sim.urls.scalingo };
    }
    case "cloud66":
      return {
        provider,
        ...common,
        ...targets.cloud66,
        baseUrl: sim.urls.cloud66,
        wait: { minDelayMs: 100, maxDelayMs: 300 },
      };
    case "hostup":
      return { provider, ...common, accountId: targets.hostup.accountId, baseUrl: sim.urls.hostup };
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
