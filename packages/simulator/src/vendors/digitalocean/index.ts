import type { RateLimitStatus, VendorInstance, VendorModule } from "../../framework/types.ts";
import { doErrorBody, doErrorForStatus, doFrameworkError } from "./errors.ts";
import { digitalOceanHandlers } from "./handlers.ts";
import {
  type DigitalOceanCluster,
  type DigitalOceanClusterInput,
  type DigitalOceanSeed,
  DigitalOceanState,
  type DigitalOceanUser,
  type DigitalOceanUserInput,
} from "./state.ts";

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

/**
 * Control handle for tests, demos and Pact provider states (`sim.digitalocean`). Reads return copies;
 * nothing here is rate-limited, validated against the spec or subject to scripted faults.
 */
export interface DigitalOceanControl {
  /** Creates a cluster with its primary user `doadmin` (none for Caching/Valkey) and the given users. */
  addCluster(input: DigitalOceanClusterInput): DigitalOceanCluster;
  getCluster(id: string): DigitalOceanCluster | undefined;
  listClusters(): DigitalOceanCluster[];
  removeCluster(id: string): boolean;
  /** Adds a user with the API's rules (engine-specific settings, duplicate names refused); throws on error. */
  addUser(clusterId: string, input: DigitalOceanUserInput): DigitalOceanUser;
  /** The user with its password, or `undefined`. */
  getUser(clusterId: string, name: string): DigitalOceanUser | undefined;
  /** The cluster's users with their passwords (`[]` for an unknown cluster). */
  listUsers(clusterId: string): DigitalOceanUser[];
  /** Removes a user, the primary one included; `false` if there was none. */
  removeUser(clusterId: string, name: string): boolean;
  /** Removes every cluster (unlike `sim.reset()`, which goes back to the seed). */
  clear(): void;
}

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
  create({ seed }): VendorInstance<DigitalOceanControl> {
    const state = new DigitalOceanState();
    const load = (): void => {
      state.clear();
      for (const cluster of seed?.clusters ?? []) state.addCluster(cluster);
    };
    load();
    const control: DigitalOceanControl = {
      addCluster: (input) => state.addCluster(input),
      getCluster: (id) => state.getCluster(id),
      listClusters: () => state.listClusters(),
      removeCluster: (id) => state.removeCluster(id),
      addUser: (clusterId, input) => {
        if (!state.getCluster(clusterId))
          throw new Error(`no DigitalOcean cluster ${clusterId} in the simulator`);
        return state.addUser(clusterId, input);
      },
      getUser: (clusterId, name) => state.findUser(clusterId, name),
      listUsers: (clusterId) => state.getCluster(clusterId)?.users ?? [],
      removeUser: (clusterId, name) => state.removeUser(clusterId, name),
      clear: () => state.clear(),
    };
    return { handlers: digitalOceanHandlers(state), control, reset: load };
  },
};
