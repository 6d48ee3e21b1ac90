import { bearerCredentials } from "../../framework/credentials.ts";
import type { VendorInstance, VendorModule } from "../../framework/types.ts";
import { DEFAULT_ACTION_BEHAVIOUR, INSTANT_ACTION_BEHAVIOUR } from "./actions.ts";
import { type Cloud66Control, cloud66Control } from "./control.ts";
import { c66ErrorBody, c66ErrorForStatus, c66FrameworkError } from "./errors.ts";
import { cloud66Handlers } from "./handlers.ts";
import { answeringOnceApplied, RealCloud66Users } from "./real-databases.ts";
import { type Cloud66Seed, Cloud66State } from "./state.ts";
import { cloud66Targets } from "./targets.ts";

export type {
  Cloud66Action,
  Cloud66ActionBehaviour,
  Cloud66ActionInput,
  Cloud66ActionName,
} from "./actions.ts";
export type { Cloud66Control } from "./control.ts";
export { CLOUD66_SHOW_PASSWORD_SCOPE } from "./handlers.ts";
export type {
  Cloud66Database,
  Cloud66Engine,
  Cloud66Seed,
  Cloud66ServerGroup,
  Cloud66ServerGroupInput,
  Cloud66Stack,
  Cloud66StackInput,
  Cloud66User,
  Cloud66UserInput,
} from "./state.ts";

/** Every scope of Cloud 66's OAuth tokens; the database-user operations check `public` and `admin`. */
export const CLOUD66_SCOPES: readonly string[] = ["public", "redeploy", "jobs", "users", "admin"];

/**
 * The demo seed (`seed: "demo"`): one stack with a MySQL server group (the users and databases of
 * Cloud 66's own examples) and a web server group, which has no databases.
 */
export const CLOUD66_DEMO_SEED: Cloud66Seed = {
  stacks: [
    {
      uid: "5999b763474b0eafa5fafb64bff0ba80",
      name: "demo-stack",
      serverGroups: [
        {
          id: 3817,
          name: "mysql",
          databases: [
            { uid: "db_abc123", name: "app_production" },
            { uid: "db_def456", name: "app_staging" },
          ],
          users: [
            { uid: "user_abc123", username: "app_user", database_ids: ["db_abc123", "db_def456"] },
            {
              uid: "user_def456",
              username: "readonly_user",
              user_type: "readonly",
              database_ids: ["db_abc123"],
            },
          ],
        },
        { id: 3818, name: "web", databaseOperations: false },
      ],
    },
  ],
};

const HOUR = 3_600_000;

/** Cloud 66 API v3: database users and stack actions (specs/cloud66.yaml), served under `/cloud66`. */
export const cloud66: VendorModule<"cloud66", Cloud66Control, Cloud66Seed> = {
  name: "cloud66",
  spec: "cloud66.yaml",
  // The spec's paths are served right under /cloud66 (not /cloud66/api/3), so that `sim.urls.cloud66`
  // is a client's `baseUrl` as it is, like every other vendor's.
  basePath: "",
  // "3,000 requests per user per hour", then `503 throttled` (no 429, no retry hint).
  rateLimit: { limit: 3000, windowMs: HOUR },
  // Both of the spec's schemes (OAuth application token, personal access token) are bearer tokens.
  credentials: bearerCredentials,
  // "A token without any scope has public (read-only) access."
  authenticate: (credential, { tokens }) => (tokens.get(credential)?.length === 0 ? ["public"] : undefined),
  demoSeed: CLOUD66_DEMO_SEED,
  frameworkError: c66FrameworkError,
  errorForStatus: c66ErrorForStatus,
  errorBody: c66ErrorBody,
  // Cloud 66 documents no rate-limit headers.
  rateLimitHeaders: () => ({}),
  rateLimitedHeaders: () => ({}),
  targets: cloud66Targets,
  create({ seed, databases, instantActions }): VendorInstance<Cloud66Control> {
    const realUsers = new RealCloud66Users(databases);
    const state = new Cloud66State(
      realUsers,
      instantActions ? INSTANT_ACTION_BEHAVIOUR : DEFAULT_ACTION_BEHAVIOUR,
    );
    const control = cloud66Control(state, databases);
    // Through the control handle, so that seeded server groups get their real databases too.
    const load = (): void => {
      control.clear();
      for (const stack of seed?.stacks ?? []) control.addStack(stack);
    };
    load();
    return { handlers: answeringOnceApplied(cloud66Handlers(state), realUsers), control, reset: load };
  },
};
