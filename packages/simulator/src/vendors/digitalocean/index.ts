import type { RateLimitStatus, VendorInstance, VendorModule } from "../../framework/types.ts";
import { type DigitalOceanControl, digitalOceanControl } from "./control.ts";
import { doErrorBody, doErrorForStatus, doFrameworkError } from "./errors.ts";
import { digitalOceanHandlers } from "./handlers.ts";
import { RealDatabaseUsers } from "./real-databases.ts";
import { type DigitalOceanSeed, DigitalOceanState } from "./state.ts";
import { digitalOceanTargets } from "./targets.ts";

export type { DigitalOceanControl } from "./control.ts";
export type {
  DigitalOceanCluster,
  DigitalOceanClusterInput,
  DigitalOceanEngine,
  DigitalOceanKafkaAcl,
  DigitalOceanMongoUserSettings,
  DigitalOceanOpenSearchAcl,
  DigitalOceanSeed,
  DigitalOceanUser,
  DigitalOceanUserInput,
  DigitalOceanUserSettings,
  MysqlAuthPlugin,
} from "./state.ts";
export { DIGITALOCEAN_ENGINES, generatePassword, PRIMARY_USER } from "./state.ts";

/** Every scope the DigitalOcean module checks. */
export const DIGITALOCEAN_SCOPES: readonly string[] = [
  "database:read",
  "database:create",
  "database:update",
  "database:delete",
  "database:view_credentials",
];

/** The demo seed (`seed: "demo"`): one PostgreSQL and one MySQL cluster, with fixed ids and names. */
export const DIGITALOCEAN_DEMO_SEED: DigitalOceanSeed = {
  clusters: [
    {
      id: "9cc10173-e9ea-4176-9dbc-a4cee4c4ff30",
      engine: "pg",
      name: "demo-postgres",
      users: [{ name: "app-01" }],
    },
    {
      id: "b4b2a4a4-3c8d-4f27-9d7e-6f5c2e1a0b13",
      engine: "mysql",
      name: "demo-mysql",
      users: [{ name: "app-02", mysql_settings: { auth_plugin: "mysql_native_password" } }],
    },
  ],
};

const HOUR = 3_600_000;

/** DigitalOcean Managed Databases: database users (specs/digitalocean.yaml), served under `/digitalocean`. */
export const digitalocean: VendorModule<"digitalocean", DigitalOceanControl, DigitalOceanSeed> = {
  name: "digitalocean",
  spec: "digitalocean.yaml",
  // 5,000 requests per hour and 250 per minute (burst) per token, each request on its own timer.
  rateLimit: { limit: 5000, windowMs: HOUR, burstLimit: 250, burstWindowMs: 60_000 },
  defaultScopes: {
    databases_list_users: ["database:read"],
    databases_get_user: ["database:read"],
    databases_add_user: ["database:create"],
    databases_update_user: ["database:update"],
    databases_reset_auth: ["database:update"],
    databases_delete_user: ["database:delete"],
  },
  demoSeed: DIGITALOCEAN_DEMO_SEED,
  frameworkError: doFrameworkError,
  errorForStatus: doErrorForStatus,
  errorBody: doErrorBody,
  rateLimitHeaders: (status: RateLimitStatus) => ({
    "ratelimit-limit": String(status.limit),
    "ratelimit-remaining": String(status.remaining),
    "ratelimit-reset": String(Math.ceil(status.resetAtMs / 1000)),
  }),
  // `retry-after` only for the burst limit, as documented; an exhausted hourly limit has only ratelimit-reset.
  rateLimitedHeaders: (status: RateLimitStatus): Record<string, string> =>
    status.exceeded === "burst" && status.retryAfterMs !== undefined
      ? { "retry-after": String(Math.max(0, Math.ceil(status.retryAfterMs / 1000))) }
      : {},
  targets: digitalOceanTargets,
  create({ seed, databases }): VendorInstance<DigitalOceanControl> {
    const state = new DigitalOceanState();
    const control = digitalOceanControl(state, databases);
    // Through the control handle, so that seeded pg and mysql clusters get their real databases too.
    const load = (): void => {
      control.clear();
      for (const cluster of seed?.clusters ?? []) control.addCluster(cluster);
    };
    load();
    return { handlers: digitalOceanHandlers(new RealDatabaseUsers(state, databases)), control, reset: load };
  },
};
