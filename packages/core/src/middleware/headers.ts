import type { Middleware } from "openapi-fetch";
import type { Secret } from "../secret.ts";
import type { ProviderName } from "../types.ts";
import { VERSION } from "../version.ts";

export interface HeadersMiddlewareOptions {
  provider: ProviderName;
  /** Returns the credential for each call; async so a token exchange (Scalingo) can sit behind it. */
  auth?: () => string | Secret | Promise<string | Secret>;
  /** Header that carries the credential. Default `authorization`. */
  authHeader?: string;
  /** Scheme put before the credential. Default `Bearer`; `""` sends the credential as is. */
  authScheme?: string;
  /** Prepended to the default `dbusers/<version> (<provider>)`. */
  userAgent?: string;
}

/** Sets credentials, `user-agent` and `accept` on every call. */
export function headersMiddleware(options: HeadersMiddlewareOptions): Middleware {
  const authHeader = options.authHeader ?? "authorization";
  const authScheme = options.authScheme ?? "Bearer";
  const userAgent = [options.userAgent, `dbusers/${VERSION} (${options.provider})`].filter(Boolean).join(" ");
  return {
    async onRequest({ request }) {
      if (options.auth) {
        const credential = await options.auth();
        const value = typeof credential === "string" ? credential : credential.reveal();
        request.headers.set(authHeader, authScheme ? `${authScheme} ${value}` : value);
      }
      request.headers.set("user-agent", userAgent);
      if (!request.headers.has("accept")) {
        request.headers.set("accept", "application/json");
      }
      return request;
    },
  };
}
