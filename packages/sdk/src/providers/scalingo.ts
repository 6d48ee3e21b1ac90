// The facade's Scalingo entry: the config type, its factory and its environment variables.
import {
  createScalingoUsers,
  SCALINGO_REGIONS,
  type ScalingoRegion,
  type ScalingoRouting,
  type ScalingoUsers,
  type ScalingoUsersOptions,
} from "@dbusers/client-scalingo";
import { type Environment, EnvironmentReader } from "../environment.ts";
import { providerFactory } from "../provider.ts";

/**
 * `createDatabaseUsers({ provider: "scalingo", apiToken, appId, addonId, region? })`, or with a database
 * token: `{ provider: "scalingo", token, dbApiUrl, databaseId }`.
 */
export type ScalingoConfig = { provider: "scalingo" } & ScalingoUsersOptions;

const REGIONS = Object.keys(SCALINGO_REGIONS) as ScalingoRegion[];
const ROUTINGS: readonly ScalingoRouting[] = ["db-api", "api"];

export const createDatabaseUsers: (config: ScalingoConfig) => ScalingoUsers = /* @__PURE__ */ providerFactory(
  "scalingo",
  createScalingoUsers,
);

/**
 * The Scalingo configuration from `SCALINGO_API_TOKEN`, `SCALINGO_APP_ID`, `SCALINGO_ADDON_ID` and,
 * optionally, `SCALINGO_REGION` and `SCALINGO_ROUTING`; or, with a database token instead,
 * `SCALINGO_DATABASE_TOKEN`, `SCALINGO_DB_API_URL` and `SCALINGO_DATABASE_ID` (plus the common
 * `DBUSERS_BASE_URL`, `DBUSERS_TIMEOUT_MS`, `DBUSERS_USER_AGENT`).
 */
export function fromEnv(env: Environment = process.env): ScalingoConfig {
  const read = new EnvironmentReader(env, "scalingo");
  if (read.isSet("SCALINGO_DATABASE_TOKEN")) {
    if (read.isSet("SCALINGO_API_TOKEN")) {
      read.conflict(
        "SCALINGO_DATABASE_TOKEN",
        "SCALINGO_API_TOKEN",
        "give one kind of credential, a database token or an API token",
      );
    }
    const token = read.secret("SCALINGO_DATABASE_TOKEN", "token");
    const dbApiUrl = read.required("SCALINGO_DB_API_URL", "dbApiUrl");
    const databaseId = read.required("SCALINGO_DATABASE_ID", "databaseId");
    const common = read.common();
    return read.done({ provider: "scalingo", token, dbApiUrl, databaseId, ...common }, createDatabaseUsers);
  }
  const apiToken = read.secret("SCALINGO_API_TOKEN", "apiToken");
  const appId = read.required("SCALINGO_APP_ID", "appId");
  const addonId = read.required("SCALINGO_ADDON_ID", "addonId");
  const region = read.oneOf("SCALINGO_REGION", "region", REGIONS);
  const routing = read.oneOf("SCALINGO_ROUTING", "routing", ROUTINGS);
  const common = read.common();
  const config: ScalingoConfig = {
    provider: "scalingo",
    apiToken,
    appId,
    addonId,
    ...(region ? { region } : {}),
    ...(routing ? { routing } : {}),
    ...common,
  };
  return read.done(config, createDatabaseUsers);
}
