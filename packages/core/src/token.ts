import { isHeaderValue } from "./client-options.ts";
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

/** Why a credential cannot be sent, if it cannot. It never quotes the credential. */
function tokenProblem(value: unknown): string | undefined {
  if (typeof value !== "string" || value === "") return "must be a non-empty string";
  // fetch would refuse the header with a TypeError that quotes it, and that reads as a network failure.
  if (!isHeaderValue(value))
    return "must not contain line breaks, control characters or characters beyond Latin-1";
  return undefined;
}

/**
 * A credential as it is sent: surrounding whitespace dropped (a token read from a file ends with a line
 * break; fetch would drop it from the header too), then checked.
 */
function checkedToken(credential: unknown, field: string, provider: string, from: string): string {
  const value = isSecret(credential) ? credential.reveal() : credential;
  const trimmed = typeof value === "string" ? value.trim() : value;
  const problem = tokenProblem(trimmed);
  if (problem !== undefined) {
    throw new ValidationError(`${provider}: invalid input: ${from} ${problem}`, {
      provider,
      issues: [{ path: field, message: problem }],
    });
  }
  return trimmed as string;
}

/** Fixed tokens' providers: their token was checked when they were made, and is not checked on each request. */
const CHECKED_UP_FRONT = new WeakSet<TokenProvider>();

/**
 * Turns a `token` option into a provider. A fixed token is checked up front (empty, or a character no
 * header can carry → ValidationError, before any request) and wrapped in a `Secret` once, so it is never
 * held as a string. A provider's tokens are checked as it gives them, the issues naming `field`.
 */
export function tokenProvider(token: TokenInput, field: string, provider: string): TokenProvider {
  if (typeof token === "function") {
    const from = `the ${field} provider's token`;
    const checked: TokenProvider = async (request) =>
      checkedToken(await token(request), field, provider, from);
    const { invalidate } = token;
    if (invalidate) checked.invalidate = (refused) => invalidate(refused);
    return checked;
  }
  const secret = new Secret(checkedToken(token, field, provider, field));
  const fixed: TokenProvider = () => secret;
  CHECKED_UP_FRONT.add(fixed);
  return fixed;
}

/**
 * The credential a provider produced, as a plain string for the header (and nothing else). A provider
 * that has it at hand (a fixed token) is answered at once, not in a promise: every request asks, and a
 * promise would cost each of them a tick. Throws, or rejects, with a `ValidationError` for a credential
 * no header can carry.
 */
export function revealToken(
  provider: TokenProvider,
  vendor: string,
  request: TokenRequest = {},
): string | Promise<string> {
  const from = "the token provider's token";
  const given = provider(request);
  if (CHECKED_UP_FRONT.has(provider)) return (given as Secret).reveal();
  if (typeof (given as Partial<PromiseLike<unknown>>).then !== "function") {
    return checkedToken(given, "token", vendor, from);
  }
  return Promise.resolve(given).then((credential) => checkedToken(credential, "token", vendor, from));
}
