import type { ClientOptions, TokenInput } from "@dbusers/core";
import {
  createApiClient,
  createTokenCache,
  expectObject,
  expectString,
  type TokenCache,
  tokenProvider,
  unwrap,
} from "@dbusers/core/adapter";
import type { paths } from "./generated/schema.ts";
import { scalingo } from "./vendor.ts";

const EXCHANGE = "/v1/tokens/exchange";
const ADDON_TOKEN = "/v1/apps/{app_id}/addons/{addon_id}/token";

// "Bearer tokens are only valid for an hour", and so is the addon token. Both are JWTs whose `exp` says
// so; one whose `exp` cannot be read is assumed to last the documented hour.
const TOKEN_LIFETIME_MS = 60 * 60_000;

export interface TokenFlowOptions extends Omit<ClientOptions, "baseUrl"> {
  /** The long-lived API token (`tk-us-…`), or a provider of it. */
  apiToken: TokenInput;
  appId: string;
  addonId: string;
  /** The authentication service. */
  authUrl: string;
  /** The regional API, which hands out addon tokens. */
  apiUrl: string;
}

/** The two short-lived tokens of Scalingo's flow, each cached until shortly before it expires. */
export interface ScalingoTokens {
  /** The bearer `token_exchange` trades for the API token (for the regional API). */
  bearer: TokenCache;
  /** The addon's Database API token, which `addon_token` trades for the bearer. */
  addonToken: TokenCache;
}

/**
 * Scalingo's token flow: API token → bearer (authentication service, HTTP Basic with an empty user) →
 * addon token (regional API). Each token is cached until 5 minutes before its `exp`, callers arriving
 * during a renewal share it, and a token refused with a 401 is renewed once: the addon token's renewal
 * goes through the regional API with the bearer, which renews itself the same way if it was refused
 * too. go-scalingo asks for an addon token before every Database API request, each one spending a call
 * of the regional API's 60 a minute; here fifty calls cost one exchange and one addon token.
 */
export function scalingoTokenFlow(options: TokenFlowOptions): ScalingoTokens {
  const { apiToken, appId, addonId, authUrl, apiUrl, ...common } = options;
  const auth = createApiClient<paths>(scalingo, {
    ...common,
    baseUrl: authUrl,
    token: tokenProvider(apiToken, "apiToken", scalingo.provider),
    auth: { type: "basic", username: "" },
  });
  const bearer = createTokenCache({
    lifetimeMs: TOKEN_LIFETIME_MS,
    async fetch() {
      // go-scalingo and scalingo.js post `{}`; the body is optional.
      const result = await auth.POST(EXCHANGE, { body: {} });
      return unwrap(result, scalingo, (data) => expectString(expectObject(data, "body").token, "token"));
    },
  });
  const api = createApiClient<paths>(scalingo, { ...common, baseUrl: apiUrl, token: bearer });
  const addonToken = createTokenCache({
    lifetimeMs: TOKEN_LIFETIME_MS,
    async fetch() {
      const params = { path: { app_id: appId, addon_id: addonId } };
      const result = await api.POST(ADDON_TOKEN, { params, body: {} });
      return unwrap(result, scalingo, (data) => {
        const addon = expectObject(expectObject(data, "body").addon, "addon");
        return expectString(addon.token, "addon.token");
      });
    },
  });
  return { bearer, addonToken };
}
