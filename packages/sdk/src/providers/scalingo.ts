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
  if (read.optional("SCALINGO_DATABASE_TOKEN") !== undefined) {
    const token = read.secret("SCALINGO_DATABASE_TOKEN");
    const dbApiUrl = read.required("SCALINGO_DB_API_URL");
    const databaseId = read.required("SCALINGO_DATABASE_ID");
    const common = read.common();
    read.done();
    return { provider: "scalingo", token, dbApiUrl, databaseId, ...common };
  }
  const apiToken = read.secret("SCALINGO_API_TOKEN");
  const appId = read.required("SCALINGO_APP_ID");
  const addonId = read.required("SCALINGO_ADDON_ID");
  const region = read.oneOf("SCALINGO_REGION", REGIONS);
  const routing = read.oneOf("SCALINGO_ROUTING", ROUTINGS);
  const common = read.common();
  read.done();
  return {
    provider: "scalingo",
    apiToken,
    appId,
    addonId,
    ...(region ? { region } : {}),
    ...(routing ? { routing } : {}),
    ...common,
  };
}
