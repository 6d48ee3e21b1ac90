// Provider side of the contract: builds each state named in the consumer tests inside the simulator,
// for `pnpm contract`'s Pact verification (tools/contract.ts).
import type { Simulator } from "@dbusers/simulator";
import {
  CONTRACT_ADDON_TOKEN,
  CONTRACT_API_TOKEN,
  CONTRACT_BEARER,
  type DatabaseStateParams,
  States,
} from "./states.ts";

/** Scalingo's three services, under one base URL. */
export const providerBaseUrl = (sim: Simulator): string => sim.urls.scalingo;

/** The simulator must accept the tokens the consumer tests recorded. */
export const tokens: Record<string, readonly string[]> = {
  [CONTRACT_API_TOKEN]: ["*"],
  [CONTRACT_BEARER]: ["*"],
  [CONTRACT_ADDON_TOKEN]: ["*"],
};

export function stateHandlers(sim: Simulator): Record<string, (params?: unknown) => Promise<void>> {
  return {
    [States.databaseExists]: async (params) => {
      const { appId, databaseId, name, engine, users } = params as DatabaseStateParams;
      sim.scalingo.addDatabase({
        id: databaseId,
        appId,
        name,
        engine,
        users: users.map((user) => ({ name: user })),
      });
    },
    [States.databaseMissing]: async () => {
      sim.scalingo.clear();
    },
    [States.usersAnswerBare]: async () => {
      sim.scalingo.setUserShape("bare");
    },
    [States.rateLimitExhausted]: async () => {
      sim.failNext({ vendor: "scalingo", status: 429 });
    },
    [States.serverError]: async () => {
      sim.failNext({ vendor: "scalingo", status: 500 });
    },
  };
}
