import openapiFetch, { type Client } from "openapi-fetch";
import { type CoreMiddlewareOptions, createCoreMiddleware } from "./middleware/create-core-middleware.ts";
import type { ClientOptions } from "./types.ts";

// openapi-fetch's CommonJS build sets `exports.default` without an `__esModule` marker, so where our
// CommonJS build loads it, Node's interop hands back the whole exports object as the default import.
// Resolving it here keeps every client package's `require()` build working.
const createClient: typeof openapiFetch =
  typeof openapiFetch === "function"
    ? openapiFetch
    : (openapiFetch as unknown as { default: typeof openapiFetch }).default;

export interface ApiClientOptions extends ClientOptions, Omit<CoreMiddlewareOptions, keyof ClientOptions> {
  /** The vendor's API root; a trailing slash is ignored. */
  baseUrl: string;
  /** Extra headers sent with every request. */
  headers?: Record<string, string>;
}

/**
 * An openapi-fetch client typed by a vendor's generated `paths`, with core's middleware installed:
 * credentials and `user-agent`, per-attempt timeout, safe retries and redacted debug logging.
 * Every vendor's `create<Vendor>Client` is this with the vendor's base URL and credentials.
 */
export function createApiClient<Paths extends {}>(
  options: ApiClientOptions,
): Client<Paths, "application/json"> {
  const { baseUrl, headers, ...middleware } = options;
  const client = createClient<Paths, "application/json">({
    baseUrl: baseUrl.replace(/\/+$/, ""),
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(headers ? { headers } : {}),
  });
  client.use(...createCoreMiddleware(middleware));
  return client;
}
