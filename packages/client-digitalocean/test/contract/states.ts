// Provider states shared by the consumer tests (which name them in `given`) and the provider-state
// handlers (which build them in the simulator), so the two can never drift apart.

export const CLUSTER_ID = "9cc10173-e9ea-4176-9dbc-a4cee4c4ff30";
/** Token the simulator accepts with every scope during provider verification. */
export const CONTRACT_TOKEN = "dop_v1_contract_tests";
/** A token the simulator does not know: every request with it is a 401. */
export const REVOKED_TOKEN = "dop_v1_revoked";

export const States = {
  /** params: { clusterId, engine, users: string[] } */
  clusterExists: "a database cluster exists",
  /** params: { clusterId } */
  clusterMissing: "no database cluster exists",
  /** The token has used up its rate limit: the next request is a 429. */
  rateLimitExhausted: "the rate limit is exhausted",
  /** The next request fails with a 500. */
  serverError: "the API fails with a server error",
} as const;

// A type alias, not an interface: Pact's `given` parameters must be assignable to its JsonMap.
export type ClusterStateParams = {
  clusterId: string;
  engine: "pg" | "mysql" | "mongodb" | "kafka" | "opensearch";
  /** Users besides the primary `doadmin`. */
  users: string[];
};
