import type { ClientOptions, TokenInput, TokenProvider } from "@dbusers/core";
import {
  type ApiClient,
  createApiClient,
  requirePathSegment,
  throwIfInvalid,
  tokenProvider,
} from "@dbusers/core/adapter";
import {
  normalizeUrl,
  ROUTINGS,
  resolveEndpoints,
  type ScalingoRegion,
  type ScalingoRouting,
} from "./endpoints.ts";
import type { paths } from "./generated/schema.ts";
import { scalingoTokenFlow } from "./token-flow.ts";
import { scalingo } from "./vendor.ts";

const { provider } = scalingo;

/**
 * With an API token, the client runs Scalingo's token flow itself: it exchanges the API token for a
 * bearer, gets the addon's Database API token with it, caches both until shortly before they expire,
 * and renews them once when Scalingo refuses one (401).
 */
export interface ScalingoApiTokenOptions extends ClientOptions {
  /**
   * A Scalingo API token (`tk-us-…`), sent only to the authentication service (as the password of HTTP
   * Basic with an empty user): a value (kept as a `Secret`), or a function asked at each exchange.
   */
  apiToken: TokenInput;
  /** The app's name or id. */
  appId: string;
  /** The database addon's id (`ad-…`), which is also the Database API's database id. */
  addonId: string;
  /** Default `osc-fr1`. For another region, give `apiUrl` and `dbApiUrl`. */
  region?: ScalingoRegion;
  /** Default `https://auth.scalingo.com`. */
  authUrl?: string;
  /** Default: the region's, e.g. `https://api.osc-fr1.scalingo.com`. */
  apiUrl?: string;
  /** Default: the region's, e.g. `https://db-api.osc-fr1.scalingo.com` (a bare host means HTTPS). */
  dbApiUrl?: string;
  /**
   * Default `"db-api"`: the Database API host with an addon token, the routing Scalingo documents and
   * its Go client and CLI use. `"api"`: the regional API host with the bearer alone, where scalingo.js
   * 0.20 (May 2026) moved these routes; it saves the addon-token call but is not documented yet.
   */
  routing?: ScalingoRouting;
  token?: never;
  databaseId?: never;
}

/** With a Database API token obtained elsewhere: used as it is, never renewed. */
export interface ScalingoDatabaseTokenOptions extends ClientOptions {
  /**
   * An addon token for the Database API (`DB_BEARER_TOKEN` in Scalingo's documentation), valid one hour;
   * or, when `dbApiUrl` is a regional API host, an exchanged bearer. A value or a provider function.
   */
  token: TokenInput;
  /** The Database API, e.g. `https://db-api.osc-fr1.scalingo.com` or the bare host. */
  dbApiUrl: string;
  apiToken?: never;
  appId?: never;
  addonId?: never;
  region?: never;
  authUrl?: never;
  apiUrl?: never;
  routing?: never;
}

/**
 * Either an API token (the client runs the token flow) or a Database API token. `baseUrl`, when given,
 * serves every Scalingo service (e.g. the simulator's `sim.urls.scalingo`) and wins over the URLs.
 */
export type ScalingoClientOptions = ScalingoApiTokenOptions | ScalingoDatabaseTokenOptions;

/** The openapi-fetch client typed by the Scalingo spec: `client.GET("/api/databases/{database_id}/users", …)`. */
export type ScalingoClient = ApiClient<paths>;

/**
 * Creates the raw typed client of Scalingo's Database API (the five user operations of the spec) on
 * @dbusers/core's transport: the database token on every attempt (renewed once on a 401 when the client
 * runs the token flow), `user-agent`, a timeout per attempt, retries of idempotent requests and
 * throttling answers, and redacted debug logging.
 */
export function createScalingoClient(options: ScalingoClientOptions): ScalingoClient {
  const { baseUrl, token } = databaseAccess(options);
  return createApiClient<paths>(scalingo, { ...clientOptionsOf(options), baseUrl, token });
}

/** The options of the token flow, which mean nothing with a Database API token obtained elsewhere. */
const TOKEN_FLOW_ONLY = ["appId", "addonId", "region", "routing", "authUrl", "apiUrl"] as const;

/** Where the database routes are and the token they take, for either kind of credential. */
function databaseAccess(options: ScalingoClientOptions): { baseUrl: string; token: TokenProvider } {
  // `databaseId` is the adapter's option, next to a Database API token.
  const given: Partial<ScalingoClientOptions> & { databaseId?: unknown } = options ?? {};
  if (given.apiToken !== undefined && given.token !== undefined) {
    throwIfInvalid(
      [{ path: "token", message: "must not be given with apiToken: give one kind of credential" }],
      provider,
    );
  }
  if (given.apiToken === undefined) {
    if (given.token === undefined) {
      throwIfInvalid(
        [{ path: "apiToken", message: "is required (or token, a Database API token, with dbApiUrl)" }],
        provider,
      );
    }
    // Refused rather than ignored: `region: "nowhere"` or an `appId` would otherwise look accepted.
    throwIfInvalid(
      TOKEN_FLOW_ONLY.filter((field) => given[field] !== undefined).map((path) => ({
        path,
        message: "goes with apiToken (the token flow); a Database API token needs only dbApiUrl",
      })),
      provider,
    );
    // baseUrl wins over dbApiUrl, which is checked all the same when given.
    if (given.dbApiUrl !== undefined) normalizeUrl(given.dbApiUrl, "dbApiUrl");
    const field = given.baseUrl === undefined ? "dbApiUrl" : "baseUrl";
    return {
      baseUrl: normalizeUrl(given[field], field),
      token: tokenProvider(given.token as TokenInput, "token", provider),
    };
  }
  if (given.databaseId !== undefined) {
    throwIfInvalid(
      [{ path: "databaseId", message: "goes with token; with apiToken, the database is addonId" }],
      provider,
    );
  }
  const routing = given.routing ?? "db-api";
  if (!ROUTINGS.includes(routing)) {
    throwIfInvalid([{ path: "routing", message: `must be one of ${ROUTINGS.join(", ")}` }], provider);
  }
  const endpoints = resolveEndpoints(given);
  const tokens = scalingoTokenFlow({
    ...clientOptionsOf(given),
    apiToken: given.apiToken,
    appId: requirePathSegment(given.appId, "appId", provider),
    addonId: requirePathSegment(given.addonId, "addonId", provider),
    authUrl: endpoints.authUrl,
    apiUrl: endpoints.apiUrl,
  });
  return routing === "api"
    ? { baseUrl: endpoints.apiUrl, token: tokens.bearer }
    : { baseUrl: endpoints.dbApiUrl, token: tokens.addonToken };
}

/** The options every request of every service shares (not the credentials or the URLs). */
function clientOptionsOf(options: Partial<ClientOptions>): Omit<ClientOptions, "baseUrl"> {
  const { fetch, timeoutMs, deadlineMs, retry, throttle, sharedQuota, logger, userAgent, headers } = options;
  return { fetch, timeoutMs, deadlineMs, retry, throttle, sharedQuota, logger, userAgent, headers };
}
