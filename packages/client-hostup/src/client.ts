import type { ClientOptions, TokenInput } from "@dbusers/core";
import { type ApiClient, createApiClient, tokenProvider } from "@dbusers/core/adapter";
import type { paths } from "./generated/schema.ts";
import { hostup } from "./vendor.ts";

/** HostUp's API server (`servers[0]` of specs/hostup.yaml); paths start with /shared-hosting. */
export const HOSTUP_API_URL = "https://cloud.hostup.se/api/v2";

export interface HostUpClientOptions extends ClientOptions {
  /**
   * A HostUp API key, sent as `Authorization: Bearer <key>`: a value (kept as a `Secret`), or a function
   * asked on every attempt, for keys that rotate. Listing needs the scopes `read:hosting` and
   * `console:services`; every other operation `write:hosting` and `console:services`.
   */
  token: TokenInput;
}

/** The openapi-fetch client typed by the HostUp spec: `client.GET("/shared-hosting/{accountId}/database-users", …)`. */
export type HostUpClient = ApiClient<paths>;

/**
 * Creates the raw typed HostUp client (the six database-user operations of the spec) on
 * @dbusers/core's transport: bearer auth asked for on every attempt, `user-agent`, a timeout per
 * attempt, retries of idempotent requests and of 429s (honouring `Retry-After`, else the ISO
 * `X-RateLimit-Reset`), and redacted debug logging. Error bodies are typed as HostUp's problem details.
 */
export function createHostUpClient(options: HostUpClientOptions): HostUpClient {
  const { token, baseUrl = HOSTUP_API_URL, ...common } = options;
  return createApiClient<paths>(hostup, {
    ...common,
    baseUrl,
    token: tokenProvider(token, "token", hostup.provider),
  });
}
