import {
  type ClientOptions,
  checkNonEmptyString,
  createApiClient,
  isSecret,
  Secret,
  throwIfInvalid,
} from "@dbusers/core";
import type { Client } from "openapi-fetch";
import type { paths } from "./generated/schema.ts";

/** DigitalOcean's API server (`servers[0]` of specs/digitalocean.yaml); paths start with /v2. */
export const DIGITALOCEAN_API_URL = "https://api.digitalocean.com";

const provider = "digitalocean";

export interface DigitalOceanClientOptions extends ClientOptions {
  /** A DigitalOcean API token (`dop_v1_…`), sent as `Authorization: Bearer <token>`; kept as a Secret. */
  token: string | Secret;
  /** Defaults to https://api.digitalocean.com (set it to the simulator or a proxy). */
  baseUrl?: string;
  /** Extra headers sent with every request. */
  headers?: Record<string, string>;
}

/** The openapi-fetch client typed by the DigitalOcean spec: `client.GET("/v2/databases/{…}/users", …)`. */
export type DigitalOceanClient = Client<paths, "application/json">;

/**
 * Creates the raw typed DigitalOcean client (the six database-user operations of the spec), with
 * @dbusers/core's middleware installed: bearer auth, `user-agent`, per-attempt timeout, retries of
 * idempotent requests and throttling answers (honouring `retry-after`), and redacted debug logging.
 */
export function createDigitalOceanClient(options: DigitalOceanClientOptions): DigitalOceanClient {
  const { token, baseUrl = DIGITALOCEAN_API_URL, ...common } = options;
  throwIfInvalid(checkNonEmptyString(isSecret(token) ? token.reveal() : token, "token"), provider);
  const credential = Secret.from(token);
  return createApiClient<paths>({ ...common, provider, baseUrl, auth: () => credential });
}
