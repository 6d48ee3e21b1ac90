import type { IncomingHttpHeaders } from "node:http";

/**
 * Reads a request's credential (a token, an API key, a password) from its headers; `undefined` when
 * the request carries none in this form. The credential is what `tokens` (and a vendor's
 * `authenticate` hook) map to scopes, and what the rate limiter counts requests by.
 */
export type CredentialReader = (headers: IncomingHttpHeaders) => string | undefined;

/** `Authorization: Bearer <token>` → the token (the default for every vendor). */
export const bearerCredentials: CredentialReader = (headers) =>
  /^Bearer\s+(\S+)\s*$/i.exec(headers.authorization ?? "")?.[1];

/**
 * `Authorization: Basic base64(user:password)` → the password, e.g. an API token sent as the
 * password of HTTP Basic. With `user`, only that user name is accepted (`""`: an empty one).
 */
export function basicCredentials(options: { user?: string } = {}): CredentialReader {
  return (headers) => {
    const encoded = /^Basic\s+(\S+)\s*$/i.exec(headers.authorization ?? "")?.[1];
    if (encoded === undefined) return undefined;
    const decoded = Buffer.from(encoded, "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon === -1) return undefined;
    if (options.user !== undefined && decoded.slice(0, colon) !== options.user) return undefined;
    return decoded.slice(colon + 1) || undefined;
  };
}

/** An API key in its own header, e.g. `headerCredentials("x-api-key")`. */
export function headerCredentials(name: string): CredentialReader {
  const header = name.toLowerCase();
  return (headers) => {
    const value = headers[header];
    return typeof value === "string" && value !== "" ? value : undefined;
  };
}
