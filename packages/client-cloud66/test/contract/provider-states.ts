// Provider side of the contract: builds each state named in the consumer tests inside the simulator,
// for `pnpm contract`'s Pact verification (tools/contract.ts).
import type { Simulator } from "@dbusers/simulator";
import {
  type ActionStateParams,
  ADMIN_ONLY_TOKEN,
  CONTRACT_TOKEN,
  type GroupStateParams,
  PUBLIC_TOKEN,
  States,
} from "./states.ts";

export const providerBaseUrl = (sim: Simulator): string => sim.urls.cloud66;

/** The simulator must accept the tokens the consumer tests recorded, with their scopes. */
export const tokens: Record<string, readonly string[]> = {
  [CONTRACT_TOKEN]: ["public", "admin"],
  [PUBLIC_TOKEN]: ["public"],
  [ADMIN_ONLY_TOKEN]: ["admin"],
};

export function stateHandlers(sim: Simulator): Record<string, (params?: unknown) => Promise<void>> {
  return {
    [States.groupExists]: async (params) => {
      const { stackId, serverGroupId, users, previousPageKey } = params as GroupStateParams;
      sim.cloud66.addStack({
        uid: stackId,
        ...(previousPageKey ? { previousPageKey } : {}),
        serverGroups: [{ id: serverGroupId, users }],
      });
    },
    [States.groupWithoutDatabases]: async (params) => {
      const { stackId, serverGroupId } = params as GroupStateParams;
      sim.cloud66.addStack({
        uid: stackId,
        serverGroups: [{ id: serverGroupId, databaseOperations: false }],
      });
    },
    [States.stackMissing]: async () => {},
    [States.actionInState]: async (params) => {
      const { stackId, actionId, action, resourceId, state, message } = params as ActionStateParams;
      sim.cloud66.addAction(stackId, {
        id: actionId,
        action,
        resource_id: resourceId,
        state,
        ...(message === undefined ? {} : { message }),
      });
    },
    [States.throttled]: async () => {
      sim.failNext({ vendor: "cloud66", status: 503 });
    },
  };
}
