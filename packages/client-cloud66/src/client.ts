import type { ClientOptions, TokenInput } from "@dbusers/core";
import { type ApiClient, createApiClient, redactText, tokenProvider } from "@dbusers/core/adapter";
import type { paths } from "./generated/schema.ts";
import { cloud66 as vendor } from "./vendor.ts";

/** Cloud 66's API server (`servers[0]` of specs/cloud66.yaml); the spec's paths start with /stacks. */
export const CLOUD66_API_URL = "https://app.cloud66.com/api/3";

export interface Cloud66ClientOptions extends ClientOptions {
  /**
   * A Cloud 66 OAuth access token or personal access token, sent as `Authorization: Bearer <token>`:
   * a value (kept as a `Secret`), or a function asked on every attempt. The database-user operations
   * need the `public` scope to read and `admin` to change (request both).
   */
  token: TokenInput;
}

/** The openapi-fetch client typed by the Cloud 66 spec: `client.GET("/stacks/{stack_id}/actions/{id}", …)`. */
export type Cloud66Client = ApiClient<paths>;

/**
 * Creates the raw typed Cloud 66 client (the database-user operations and the stack action of the spec)
 * on @dbusers/core's transport: bearer auth asked for on every attempt, `user-agent`, a timeout per
 * attempt, redacted debug logging, and Cloud 66's retry rules: reads are retried like any other vendor's,
 * mutations only after `503 throttled`. An `X-Cloud66-Warning` header is passed to `logger.warn`.
 */
export function createCloud66Client(options: Cloud66ClientOptions): Cloud66Client {
  const { token, baseUrl = CLOUD66_API_URL, ...common } = options;
  const client = createApiClient<paths>(vendor, {
    ...common,
    baseUrl,
    token: tokenProvider(token, "token", vendor.provider),
  });
  const warn = options.logger?.warn;
  if (warn) {
    client.use({
      onResponse({ response }) {
        const warning = response.headers.get("x-cloud66-warning");
        if (warning) warn(`cloud66 warning: ${redactText(warning)}`, { provider: vendor.provider });
      },
    });
  }
  return client;
}
