// Provider states shared by the consumer tests (which name them in `given`) and the provider-state
// handlers (which build them in the simulator), so the two can never drift apart.

export const APP_ID = "my-app";
/** The database addon's id, which is the Database API's database id. */
export const DATABASE_ID = "ad-3f1d7c52-8b4e-4f0a-9d6e-2c5b7a9e1f04";
/** The database's resource name, and so its protected owner user's. */
export const OWNER = "my_app_4553";

/** The API token the simulator accepts during provider verification. */
export const CONTRACT_API_TOKEN = "tk-us-contract-tests";
/** An API token the simulator does not know: its exchange is a 401. */
export const REVOKED_API_TOKEN = "tk-us-revoked";

// The mock server's examples of minted tokens: JWTs whose `exp` (2100-01-01) lets the adapter's caches
// keep them. The simulator accepts the first two as static tokens during verification (it mints real
// ones for the exchange and the addon-token call, which the matchers take as long as they look alike).
const jwt = (kind: string) =>
  `eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.${Buffer.from(JSON.stringify({ kind, exp: 4_102_444_800 })).toString("base64url")}.Y29udHJhY3QtdGVzdHM`;
export const CONTRACT_BEARER: string = jwt("bearer");
export const CONTRACT_ADDON_TOKEN: string = jwt("addon");
/** A bearer or addon token the simulator does not know: every request with it is a 401. */
export const REVOKED_TOKEN: string = jwt("revoked");

export const States = {
  /** params: { appId, databaseId, name, engine, users: string[] } */
  databaseExists: "a database addon exists",
  /** No app and no database addon exist. */
  databaseMissing: "no database addon exists",
  /** Create, update and reset answer the user bare, as Scalingo's documentation shows it. */
  usersAnswerBare: "the Database API answers users bare",
  /** The rate limit is used up: the next request is a 429. */
  rateLimitExhausted: "the rate limit is exhausted",
  /** The next request fails with a 500. */
  serverError: "the API fails with a server error",
} as const;

// A type alias, not an interface: Pact's `given` parameters must be assignable to its JsonMap.
export type DatabaseStateParams = {
  appId: string;
  databaseId: string;
  /** The resource name: the protected owner user is named like it. */
  name: string;
  engine: "postgresql" | "mysql" | "mongodb" | "influxdb";
  /** Users besides the protected owner. */
  users: string[];
};
