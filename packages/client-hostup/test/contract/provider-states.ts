// Provider side of the contract: builds each state named in the consumer tests inside the simulator,
// for `pnpm contract`'s Pact verification (tools/contract.ts).
import type { HostUpPrivilege, Simulator } from "@dbusers/simulator";
import {
  type AccountStateParams,
  APPUSER_ID,
  CONTRACT_TOKEN,
  type FailingOperation,
  LIMITED_TOKEN,
  LIST_ONLY_TOKEN,
  States,
} from "./states.ts";

export const providerBaseUrl = (sim: Simulator): string => sim.urls.hostup;

/** The simulator must accept the keys the consumer tests recorded, with their scopes. */
export const tokens: Record<string, readonly string[]> = {
  [CONTRACT_TOKEN]: ["*"],
  [LIMITED_TOKEN]: ["read:hosting"],
  [LIST_ONLY_TOKEN]: ["read:hosting", "console:services"],
};

export function stateHandlers(sim: Simulator): Record<string, (params?: unknown) => Promise<void>> {
  return {
    [States.accountExists]: async (params) => {
      const { accountId, databases, users } = params as AccountStateParams;
      sim.hostup.addAccount({
        id: accountId,
        databases,
        users: users.map(({ username, privileges }) => ({
          username,
          ...(username === "appuser" ? { id: APPUSER_ID } : {}),
          privileges: (privileges ?? {}) as Record<string, HostUpPrivilege[]>,
        })),
      });
    },
    [States.accountMissing]: async (params) => {
      sim.hostup.removeAccount((params as { accountId: string }).accountId);
    },
    [States.rateLimitExhausted]: async (params) => {
      const { operationId } = params as FailingOperation;
      sim.failNext({ vendor: "hostup", operationId, status: 429, retryAfterSeconds: 30 });
    },
    [States.serverError]: async (params) => {
      const { operationId } = params as FailingOperation;
      sim.failNext({ vendor: "hostup", operationId, status: 500 });
    },
  };
}
