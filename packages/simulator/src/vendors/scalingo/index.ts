import { basicCredentials, bearerCredentials } from "../../framework/credentials.ts";
import type { VendorInstance, VendorModule } from "../../framework/types.ts";
import { type ScalingoControl, scalingoControl } from "./control.ts";
import { scalingoErrorBody, scalingoErrorForStatus, scalingoFrameworkError } from "./errors.ts";
import { scalingoHandlers } from "./handlers.ts";
import { RealScalingoUsers } from "./real-databases.ts";
import { type ScalingoSeed, ScalingoState } from "./state.ts";
import { scalingoTargets } from "./targets.ts";
import { authenticateMinted, TokenIssuer } from "./tokens.ts";

export type { ScalingoControl } from "./control.ts";
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
  targets: scalingoTargets,
  create({ seed, databases }): VendorInstance<ScalingoControl> {
    const state = new ScalingoState();
    const issuer = new TokenIssuer();
    const control = scalingoControl(state, issuer, databases);
    // Through the control handle, so that seeded PostgreSQL and MySQL addons get their real databases too.
    const load = (): void => {
      control.clear();
      state.userShape = "rooted";
      for (const database of seed?.databases ?? []) control.addDatabase(database);
    };
    load();
    const users = new RealScalingoUsers(state, databases);
    return { handlers: scalingoHandlers(state, users, issuer), control, reset: load };
  },
};
