import { ValidationError } from "./errors.ts";
import { isSecret, Secret } from "./secret.ts";

/** What a token provider is told when it is asked for a credential. */
export interface TokenRequest {
  /**
   * The caller's signal. A provider that has to wait (for an exchange) stops waiting when it aborts,
   * rejecting with its reason.
   */
  signal?: AbortSignal;
}

/**
 * A credential that is asked for on every attempt: for tokens that rotate or live in a secret manager.
 * A plain function will do.
 */
export interface TokenProvider {
  (request?: TokenRequest): string | Secret | Promise<string | Secret>;
  /**
   * For providers that cache a short-lived token (`createTokenCache`): called with the credential a
   * vendor just refused (401), so that the next call fetches a fresh one. The transport then re-sends
   * the request once with it; a second 401 is the caller's `AuthenticationError`. Forgetting only
   * `refused`, not whatever the cache holds by now, keeps a token that a concurrent call already
   * renewed.
   */
  invalidate?: (refused: string) => void;
}

/** A fixed token, or a provider of one. */
export type TokenInput = string | Secret | TokenProvider;

/**
 * Turns a `token` option into a provider, checking a fixed token up front (empty → ValidationError,
 * before any request). A fixed token is wrapped in a `Secret` once, so it is never held as a string.
 */
export function tokenProvider(token: TokenInput, field: string, provider: string): TokenProvider {
  if (typeof token === "function") return token;
  const value = isSecret(token) ? token.reveal() : token;
  if (typeof value !== "string" || value.trim() === "") {
    throw new ValidationError(`${provider}: invalid input: ${field} must be a non-empty string`, {
      provider,
      issues: [{ path: field, message: "must be a non-empty string" }],
    });
  }
  const secret = Secret.from(token as string | Secret);
  return () => secret;
}

/** The credential a provider produced, as a plain string for the header (and nothing else). */
export async function revealToken(
  provider: TokenProvider,
  vendor: string,
  request: TokenRequest = {},
): Promise<string> {
  const credential = await provider(request);
  const value = isSecret(credential) ? credential.reveal() : credential;
  if (typeof value !== "string" || value === "") {
    throw new ValidationError(`${vendor}: the token provider returned no token`, {
      provider: vendor,
      issues: [{ path: "token", message: "the provider must return a non-empty string or Secret" }],
    });
  }
  return value;
}
