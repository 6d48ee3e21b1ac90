// Provider side of the contract: builds each state named in the consumer tests inside the simulator,
// for `pnpm contract`'s Pact verification (tools/contract.ts).
import type { Simulator } from "@dbusers/simulator";
import { type ClusterStateParams, CONTRACT_TOKEN, States } from "./states.ts";

export const providerBaseUrl = (sim: Simulator): string => sim.urls.digitalocean;

/** The simulator must accept the token the consumer tests recorded. */
export const tokens: Record<string, readonly string[]> = { [CONTRACT_TOKEN]: ["*"] };

export function stateHandlers(sim: Simulator): Record<string, (params?: unknown) => Promise<void>> {
  return {
    [States.clusterExists]: async (params) => {
      const { clusterId, engine, users } = params as ClusterStateParams;
      sim.digitalocean.addCluster({ id: clusterId, engine, users: users.map((name) => ({ name })) });
    },
    [States.clusterMissing]: async (params) => {
      const { clusterId } = params as ClusterStateParams;
      sim.digitalocean.removeCluster(clusterId);
    },
    [States.rateLimitExhausted]: async () => {
      sim.failNext({ status: 429, retryAfterSeconds: 30 });
    },
    [States.serverError]: async () => {
      sim.failNext({ status: 500 });
    },
  };
}
