// Provider states shared by the consumer tests (which name them in `given`) and the provider-state
// handlers (which build them in the simulator), so the two can never drift apart.

export const STACK_ID = "5999b763474b0eafa5fafb64bff0ba80";
export const SERVER_GROUP_ID = 3817;
/** A user the states put in place, by the uid its routes take. */
export const APP_USER = { uid: "user_abc123", username: "app_user" } as const;
/** Token the simulator accepts with the `public` and `admin` scopes during provider verification. */
export const CONTRACT_TOKEN = "c66_contract_tests";
/** A token with the `public` scope only: it may read, not change. */
export const PUBLIC_TOKEN = "c66_contract_public_only";
/** A token with the `admin` scope only: the simulator does not let it read. */
export const ADMIN_ONLY_TOKEN = "c66_contract_admin_only";
/** A token the simulator does not know: every request with it is a 401. */
export const REVOKED_TOKEN = "c66_contract_revoked";

export const States = {
  /** params: GroupStateParams */
  groupExists: "a stack with a database server group exists",
  /** params: { stackId, serverGroupId }: a web server group, without databases. */
  groupWithoutDatabases: "the server group does not support database operations",
  /** No params: the simulator starts every interaction empty. */
  stackMissing: "no stack exists",
  /** params: ActionStateParams (after groupExists) */
  actionInState: "an async action of the stack is in a given state",
  /** The token has spent its hourly allowance: the next request is a 503 throttled. */
  throttled: "the hourly rate limit is spent",
} as const;

// Type aliases, not interfaces: Pact's `given` parameters must be assignable to its JsonMap.
export type GroupStateParams = {
  stackId: string;
  serverGroupId: number;
  users: Array<{ uid: string; username: string }>;
  /** `prev` (the Pagination model page) instead of `previous` (the endpoint examples). */
  previousPageKey?: "previous" | "prev";
};

export type ActionStateParams = {
  stackId: string;
  actionId: number;
  action: "database_user_create" | "database_user_password_change" | "database_user_delete";
  resourceId: string | null;
  state: "queued" | "running" | "succeeded" | "failed";
  message?: string;
};

/** The server group of the contract, with these users. */
export function group(users: GroupStateParams["users"] = [], previousPageKey?: "prev"): GroupStateParams {
  return {
    stackId: STACK_ID,
    serverGroupId: SERVER_GROUP_ID,
    users,
    ...(previousPageKey ? { previousPageKey } : {}),
  };
}

/** `count` users named `user_01`, `user_02`, … with uids to match. */
export function numberedUsers(count: number): GroupStateParams["users"] {
  return Array.from({ length: count }, (_, i) => {
    const n = String(i + 1).padStart(2, "0");
    return { uid: `user_${n}`, username: `user_${n}` };
  });
}
