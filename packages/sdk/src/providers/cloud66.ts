// The facade's Cloud66 entry: the config type, its factory and its environment variables.
import { type Cloud66Users, type Cloud66UsersOptions, createCloud66Users } from "@dbusers/client-cloud66";
import { type Environment, EnvironmentReader } from "../environment.ts";
import { providerFactory } from "../provider.ts";

/** `createDatabaseUsers({ provider: "cloud66", token, stackId, serverGroupId })`. */
export interface Cloud66Config extends Cloud66UsersOptions {
  provider: "cloud66";
}

export const createDatabaseUsers: (config: Cloud66Config) => Cloud66Users = /* @__PURE__ */ providerFactory(
  "cloud66",
  createCloud66Users,
);

/**
 * The Cloud66 configuration from `CLOUD66_TOKEN`, `CLOUD66_STACK_ID` and `CLOUD66_SERVER_GROUP_ID`
 * (plus the common `DBUSERS_BASE_URL`, `DBUSERS_TIMEOUT_MS`, `DBUSERS_USER_AGENT`).
 */
export function fromEnv(env: Environment = process.env): Cloud66Config {
  const read = new EnvironmentReader(env, "cloud66");
  const token = read.secret("CLOUD66_TOKEN", "token");
  const stackId = read.required("CLOUD66_STACK_ID", "stackId");
  const serverGroupId = read.required("CLOUD66_SERVER_GROUP_ID", "serverGroupId");
  const common = read.common();
  return read.done({ provider: "cloud66", token, stackId, serverGroupId, ...common }, createDatabaseUsers);
}
