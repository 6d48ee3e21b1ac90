// The facade's DigitalOcean entry: the config type, its factory and its environment variables.
import {
  createDigitalOceanUsers,
  DIGITALOCEAN_ENGINES,
  type DigitalOceanUsers,
  type DigitalOceanUsersOptions,
} from "@dbusers/client-digitalocean";
import { type Environment, EnvironmentReader } from "../environment.ts";
import { providerFactory } from "../provider.ts";

export type { DigitalOceanUser, DigitalOceanUsers } from "@dbusers/client-digitalocean";
export * from "@dbusers/core";

/** `createDatabaseUsers({ provider: "digitalocean", token, clusterId })`. */
export interface DigitalOceanConfig extends DigitalOceanUsersOptions {
  provider: "digitalocean";
}

export const createDatabaseUsers: (config: DigitalOceanConfig) => DigitalOceanUsers =
  /* @__PURE__ */ providerFactory("digitalocean", createDigitalOceanUsers);

/**
 * The DigitalOcean configuration from `DIGITALOCEAN_TOKEN`, `DIGITALOCEAN_CLUSTER_ID` and, optionally,
 * `DIGITALOCEAN_ENGINE` (plus the common `DBUSERS_BASE_URL`, `DBUSERS_TIMEOUT_MS`, `DBUSERS_USER_AGENT`).
 */
export function fromEnv(env: Environment = process.env): DigitalOceanConfig {
  const read = new EnvironmentReader(env, "digitalocean");
  const token = read.secret("DIGITALOCEAN_TOKEN", "token");
  const clusterId = read.required("DIGITALOCEAN_CLUSTER_ID", "clusterId");
  const engine = read.oneOf("DIGITALOCEAN_ENGINE", "engine", DIGITALOCEAN_ENGINES);
  const common = read.common();
  return read.done(
    { provider: "digitalocean", token, clusterId, ...(engine ? { engine } : {}), ...common },
    createDatabaseUsers,
  );
}
