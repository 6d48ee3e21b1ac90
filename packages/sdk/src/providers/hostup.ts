// The facade's HostUp entry: the config type, its factory and its environment variables.
import { createHostUpUsers, type HostUpUsers, type HostUpUsersOptions } from "@dbusers/client-hostup";
import { type Environment, EnvironmentReader } from "../environment.ts";
import { providerFactory } from "../provider.ts";

/** `createDatabaseUsers({ provider: "hostup", token, accountId })`. */
export interface HostUpConfig extends HostUpUsersOptions {
  provider: "hostup";
}

export const createDatabaseUsers: (config: HostUpConfig) => HostUpUsers = /* @__PURE__ */ providerFactory(
  "hostup",
  createHostUpUsers,
);

/**
 * The HostUp configuration from `HOSTUP_TOKEN` and `HOSTUP_ACCOUNT_ID` (plus the common
 * `DBUSERS_BASE_URL`, `DBUSERS_TIMEOUT_MS`, `DBUSERS_USER_AGENT`).
 */
export function fromEnv(env: Environment = process.env): HostUpConfig {
  const read = new EnvironmentReader(env, "hostup");
  const token = read.secret("HOSTUP_TOKEN", "token");
  const accountId = read.required("HOSTUP_ACCOUNT_ID", "accountId");
  const common = read.common();
  return read.done({ provider: "hostup", token, accountId, ...common }, createDatabaseUsers);
}
