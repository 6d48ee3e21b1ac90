import type { ClientOptions, TokenInput } from "@dbusers/core";
import { type ApiClient, createApiClient, tokenProvider } from "@dbusers/core/adapter";
import type { paths } from "./generated/schema.ts";
import { digitalocean } from "./vendor.ts";

/** DigitalOcean's API server (`servers[0]` of specs/digitalocean.yaml); paths start with /v2. */
export const DIGITALOCEAN_API_URL = "https://api.digitalocean.com";

export interface DigitalOceanClientOptions extends ClientOptions {
  /**
   * A DigitalOcean API token (`dop_v1_…`), sent as `Authorization: Bearer <token>`: a value (kept as a
   * `Secret`), or a function asked on every attempt, for tokens that rotate.
   */
  token: TokenInput;
}

/** The openapi-fetch client typed by the DigitalOcean spec: `client.GET("/v2/databases/{…}/users", …)`. */
export type DigitalOceanClient = ApiClient<paths>;

/**
 * Creates the raw typed DigitalOcean client (the six database-user operations of the spec) on
 * @dbusers/core's transport: bearer auth asked for on every attempt, `user-agent`, a timeout per
 * attempt, retries of idempotent requests and throttling answers (honouring `retry-after`), and
 * redacted debug logging.
 */
export function createDigitalOceanClient(options: DigitalOceanClientOptions): DigitalOceanClient {
  const { token, baseUrl = DIGITALOCEAN_API_URL, ...common } = options;
  return createApiClient<paths>(digitalocean, {
    ...common,
    baseUrl,
    token: tokenProvider(token, "token", digitalocean.provider),
  });
}
