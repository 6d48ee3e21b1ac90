import { basicCredentials, bearerCredentials } from "../../framework/credentials.ts";
import type { VendorInstance, VendorModule } from "../../framework/types.ts";
import { scalingoErrorBody, scalingoErrorForStatus, scalingoFrameworkError } from "./errors.ts";
import { scalingoHandlers } from "./handlers.ts";
import {
  type ScalingoDatabase,
  type ScalingoDatabaseInput,
  type ScalingoSeed,
  ScalingoState,
  type ScalingoUser,
  type ScalingoUserInput,
  type ScalingoUserShape,
} from "./state.ts";
import { authenticateMinted, TokenIssuer } from "./tokens.ts";

export type {
  ScalingoDatabase,
  ScalingoDatabaseInput,
  ScalingoEngine,
  ScalingoSeed,
  ScalingoUser,
  ScalingoUserInput,
  ScalingoUserShape,
} from "./state.ts";
export { SCALINGO_ENGINES } from "./state.ts";
export { TOKEN_LIFETIME_SECONDS as SCALINGO_TOKEN_LIFETIME_SECONDS } from "./tokens.ts";

/**
 * Control handle for tests, demos and Pact provider states (`sim.scalingo`). Reads return copies;
 * nothing here is rate-limited, validated against the spec or subject to scripted faults.
 */
export interface ScalingoControl {
  /** Creates a database addon of an app, with its protected owner user named like the database. */
  addDatabase(input?: ScalingoDatabaseInput): ScalingoDatabase;
  getDatabase(id: string): ScalingoDatabase | undefined;
  listDatabases(): ScalingoDatabase[];
  removeDatabase(id: string): boolean;
  /**
   * Adds a user; a name already taken throws. The creation rules for names are not applied, so that
   * users made before them (`old_user`) can be set up.
   */
  addUser(databaseId: string, input: ScalingoUserInput): ScalingoUser;
  /** The user with its password, or `undefined`. */
  getUser(databaseId: string, name: string): ScalingoUser | undefined;
  /** The database's users with their passwords (`[]` for an unknown database). */
  listUsers(databaseId: string): ScalingoUser[];
  /** Removes a user, the protected owner included; `false` if there was none. */
  removeUser(databaseId: string, name: string): boolean;
  /**
   * Refuses (401) every bearer and addon token minted so far, as if their hour had passed: what a
   * client that cached them meets. API tokens stay valid.
   */
  expireTokens(): void;
  /**
   * How create, update and reset answer the user: `"rooted"` (`{"database_user": {…}}`, the default,
   * as Scalingo's clients decode it) or `"bare"` (as the documentation's examples show it).
   */
  setUserShape(shape: ScalingoUserShape): void;
  /** Removes every database (unlike `sim.reset()`, which goes back to the seed). */
  clear(): void;
}

/**
 * The demo seed (`seed: "demo"`): app `my-app` with a PostgreSQL and a MySQL database, fixed ids and
 * names (the PostgreSQL one is the spec's example addon).
 */
export const SCALINGO_DEMO_SEED: ScalingoSeed = {
  databases: [
    {
      id: "ad-3f1d7c52-8b4e-4f0a-9d6e-2c5b7a9e1f04",
      appId: "my-app",
      name: "my_app_4553",
      engine: "postgresql",
      users: [{ name: "metabase", read_only: true }],
    },
    {
      id: "ad-8c2e5a17-6d3b-4f91-b0e4-7a1c9d5f2e68",
      appId: "my-app",
      name: "my_app_7816",
      engine: "mysql",
      users: [{ name: "reporting", read_only: true }],
    },
  ],
};

/**
 * Scalingo: the Database API's users and the token flow in front of it (specs/scalingo.yaml), served
 * under `/scalingo`. Its three services (authentication, regional API, Database API) have paths of
 * their own (`/v1/tokens/…`, `/v1/apps/…`, `/api/databases/…`), so one base URL serves them all.
 */
export const scalingo: VendorModule<"scalingo", ScalingoControl, ScalingoSeed> = {
  name: "scalingo",
  spec: "scalingo.yaml",
  // "The limit is 60 requests per minute"; Scalingo documents no other limit for the Database API.
  rateLimit: { limit: 60, windowMs: 60_000 },
  credentials: {
    api_token_basic: basicCredentials({ user: "" }),
    bearer: bearerCredentials,
    addon_token: bearerCredentials,
  },
  authenticate: authenticateMinted,
  demoSeed: SCALINGO_DEMO_SEED,
  frameworkError: scalingoFrameworkError,
  errorForStatus: scalingoErrorForStatus,
  errorBody: scalingoErrorBody,
  // Scalingo documents no rate-limit headers, and its 429 carries no Retry-After.
  rateLimitHeaders: () => ({}),
  rateLimitedHeaders: () => ({}),
  create({ seed }): VendorInstance<ScalingoControl> {
    const state = new ScalingoState();
    const issuer = new TokenIssuer();
    const load = (): void => {
      state.clear();
      state.userShape = "rooted";
      for (const database of seed?.databases ?? []) state.addDatabase(database);
    };
    load();
    const control: ScalingoControl = {
      addDatabase: (input) => state.addDatabase(input),
      getDatabase: (id) => state.getDatabase(id),
      listDatabases: () => state.listDatabases(),
      removeDatabase: (id) => state.removeDatabase(id),
      addUser: (databaseId, input) => {
        if (!state.getDatabase(databaseId))
          throw new Error(`no Scalingo database ${databaseId} in the simulator`);
        return state.addUser(databaseId, input);
      },
      getUser: (databaseId, name) => state.findUser(databaseId, name),
      listUsers: (databaseId) => state.getDatabase(databaseId)?.users ?? [],
      removeUser: (databaseId, name) => state.removeUser(databaseId, name),
      expireTokens: () => issuer.expireAll(),
      setUserShape: (shape) => {
        state.userShape = shape;
      },
      clear: () => state.clear(),
    };
    return { handlers: scalingoHandlers(state, issuer), control, reset: load };
  },
};
