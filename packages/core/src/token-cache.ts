// A short-lived credential obtained from a long-lived one (Scalingo exchanges its API token for a
// one-hour bearer, then that bearer for a one-hour database token), kept until shortly before it
// expires. go-scalingo caches its bearer the same way but fetches a database token for every request,
// each costing a call against a 60-a-minute rate limit; with this cache fifty calls cost one exchange.
import { Secret } from "./secret.ts";
import type { TokenProvider, TokenRequest } from "./token.ts";

export interface TokenCacheOptions {
  /**
   * Fetches a new token, e.g. by exchanging a long-lived one. Called once per renewal however many
   * callers wait for it; its failure reaches each of them and is not cached.
   */
  fetch: () => Promise<string | Secret>;
  /** How long before the token's `exp` claim a new one is fetched. Default 5 minutes (go-scalingo's). */
  renewBeforeMs?: number;
  /**
   * The lifetime assumed for a token whose expiry cannot be read (not a JWT, or one already expired by
   * this machine's clock, which is then the one to distrust). Default: until it is invalidated.
   */
  lifetimeMs?: number;
  /** The clock, in milliseconds since the epoch; only tests replace it. */
  now?: () => number;
}

/** A `TokenProvider` that caches, renews before expiry, shares one fetch, and forgets refused tokens. */
export interface TokenCache extends TokenProvider {
  (request?: TokenRequest): Promise<Secret>;
  /** Forgets the cached token if it is `refused` (without an argument: whatever it is). */
  invalidate(refused?: string): void;
}

const DEFAULT_RENEW_BEFORE_MS = 5 * 60_000;

/**
 * A cached, single-flight token source: the token is reused until `renewBeforeMs` before its JWT `exp`
 * (read without checking the signature: only to know when to renew it, as go-scalingo does), and
 * callers arriving while it is being fetched share that one fetch. Hand it to a client as its `token`:
 * a 401 then invalidates the refused token and the request is sent once more with a fresh one.
 */
export function createTokenCache(options: TokenCacheOptions): TokenCache {
  const renewBeforeMs = options.renewBeforeMs ?? DEFAULT_RENEW_BEFORE_MS;
  const lifetimeMs = options.lifetimeMs ?? Number.POSITIVE_INFINITY;
  const now = options.now ?? Date.now;
  let cached: { token: Secret; renewAt: number } | undefined;
  let pending: Promise<Secret> | undefined;

  async function renew(): Promise<Secret> {
    const fetchedAt = now();
    const token = Secret.from(await options.fetch());
    const exp = jwtExpiresAt(token.reveal());
    const expiresAt = exp !== undefined && exp > fetchedAt ? exp : fetchedAt + lifetimeMs;
    // Never renew sooner than half-way through its life, or a token shorter-lived than the margin
    // would be fetched anew on every call.
    cached = { token, renewAt: expiresAt - Math.min(renewBeforeMs, (expiresAt - fetchedAt) / 2) };
    return token;
  }

  const cache = ({ signal }: TokenRequest = {}): Promise<Secret> => {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (cached && now() < cached.renewAt) return Promise.resolve(cached.token);
    pending ??= renew().finally(() => {
      pending = undefined;
    });
    // A caller who gives up stops waiting; the fetch goes on for the others (and the cache).
    return signal ? untilAborted(pending, signal) : pending;
  };
  return Object.assign(cache, {
    invalidate(refused?: string): void {
      if (cached && (refused === undefined || cached.token.reveal() === refused)) cached = undefined;
    },
  });
}

/** `promise`, or the signal's reason as soon as it aborts (it has not yet). */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

/** The `exp` claim of a JWT, in milliseconds since the epoch; `undefined` for anything else. */
export function jwtExpiresAt(token: string): number | undefined {
  const parts = token.split(".");
  if (parts.length !== 3) return undefined;
  try {
    const base64 = (parts[1] ?? "").replace(/-/g, "+").replace(/_/g, "/");
    const bytes = Uint8Array.from(atob(base64), (character) => character.charCodeAt(0));
    const claims: unknown = JSON.parse(new TextDecoder().decode(bytes));
    const exp = typeof claims === "object" && claims !== null ? (claims as { exp?: unknown }).exp : undefined;
    return typeof exp === "number" && Number.isFinite(exp) ? exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}
