// Provider states shared by the consumer tests (which name them in `given`) and the provider-state
// handlers (which build them in the simulator), so the two can never drift apart.

/** HostUp's own example account id. */
export const ACCOUNT_ID = "acct_01hxa3b4c5d6e7f8g9h0j1k2m3";
/** The id the state gives the user `appuser`, so that a route can address it by id. */
export const APPUSER_ID = "dbu_01hxa3b4c5d6e7f8g9h0j1k2m3";
export const DATABASE = "abcde_wp_example";
/** API key the simulator accepts with every scope during provider verification. */
export const CONTRACT_TOKEN = "hostup_contract_tests";
/** A key the simulator does not know: every request with it is a 401. */
export const REVOKED_TOKEN = "hostup_revoked";
/** A key with `read:hosting` only: without `console:services` every route is a 403. */
export const LIMITED_TOKEN = "hostup_without_console_services";
/** A key that may list (`read:hosting`, `console:services`) but not write: every change is a 403. */
export const LIST_ONLY_TOKEN = "hostup_list_only";

export const States = {
  /** params: AccountStateParams */
  accountExists: "a shared-hosting account exists",
  /** params: { accountId } */
  accountMissing: "no shared-hosting account exists",
  /** params: FailingOperation. The API key has used up its rate limit: the next request is a 429. */
  rateLimitExhausted: "the rate limit is exhausted",
  /** params: FailingOperation. The next request fails with a 500. */
  serverError: "the API fails with a server error",
} as const;

// A type alias, not an interface: Pact's `given` parameters must be assignable to its JsonMap.
export type AccountStateParams = {
  accountId: string;
  databases: string[];
  /** The users, `appuser` (if present) with the id APPUSER_ID; privileges per database. */
  users: Array<{ username: string; privileges?: Record<string, string[]> }>;
};

/**
 * The operation whose next request fails, for a call that sends a lookup first (create, delete): the
 * lookup is answered, the operation's own request fails.
 */
export type FailingOperation = { operationId: string };
