import openapiFetch, { type Client } from "openapi-fetch";
import { checkCallHeaders, checkClientOptions } from "../client-options.ts";
import {
  type CallMetadata,
  DatabaseUsersError,
  RateLimitError,
  TimeoutError,
  UnavailableError,
} from "../errors.ts";
import { checkSignal } from "../operation-options.ts";
import { redactText } from "../redact.ts";
import { isConnectionError, resolveRetryPolicy, retryDelay } from "../retry-policy.ts";
import { accountKey } from "../shared/account-key.ts";
import { sleep } from "../sleep.ts";
import { revealToken, type TokenProvider } from "../token.ts";
import type { ClientOptions } from "../types.ts";
import { throwIfInvalid } from "../validate.ts";
import type { AuthScheme, VendorDescriptor } from "../vendor.ts";
import { VERSION } from "../version.ts";
import { Attempt, type AttemptOutcome, type FetchResponse } from "./attempt.ts";
import { authHeader } from "./auth-header.ts";
import { DEFAULT_MAX_RESPONSE_BYTES } from "./body-limit.ts";
import { attachCallMetadata, attemptMayHaveApplied } from "./call-metadata.ts";
import { sentSecrets, withoutSecrets } from "./echoed-secrets.ts";
import { type AttemptLog, logAttempt } from "./log-attempt.ts";
import { DEFAULT_STORE_TIMEOUT_MS, takeSharedPlace } from "./shared-place.ts";
import { RequestThrottle, WaitPastDeadline } from "./throttle.ts";

// openapi-fetch's CommonJS build sets `exports.default` without an `__esModule` marker, so where our
// CommonJS build loads it, Node's interop hands back the whole exports object as the default import.
const createClient: typeof openapiFetch =
  typeof openapiFetch === "function"
    ? openapiFetch
    : (openapiFetch as unknown as { default: typeof openapiFetch }).default;

/** Sent on every re-send with the retry number (1, 2, …), so server logs can tell retries apart. */
export const RETRY_COUNT_HEADER = "dbusers-retry-count";

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_DEADLINE_MS = 120_000;
const DEFAULT_MAX_CONCURRENCY = 10;
const METHODS = ["GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE"] as const;

export interface ApiClientOptions extends ClientOptions {
  /** The vendor's API root; a trailing slash is ignored. */
  baseUrl: string;
  /** Asked for on every attempt, re-sends included; without it no credential is sent. */
  token?: TokenProvider;
  /** Overrides the vendor's scheme, for a vendor whose services take different credentials. */
  auth?: AuthScheme;
  /** Source of jitter, in [0, 1). Only tests need to replace it. */
  random?: () => number;
}

/**
 * An openapi-fetch client typed by a vendor's generated `paths`. Any JSON media type is read, so error
 * bodies declared as `application/problem+json` (HostUp) are typed too.
 */
export type ApiClient<Paths extends {}> = Client<Paths>;

type HeaderRecord = Record<string, unknown>;
interface CallInit {
  headers?: HeadersInit | HeaderRecord;
  body?: unknown;
  signal?: AbortSignal | null;
  fetch?: typeof fetch;
  /**
   * Whether sending the request twice does no more than sending it once. Default: by its method (GET,
   * HEAD, OPTIONS, PUT, DELETE). A request that is not is re-sent only after answers proving that nothing
   * was done, or when it never left this machine.
   */
  idempotent?: boolean;
  /** Time limit of this call, retries and waits included; default the client's `deadlineMs`. */
  deadlineMs?: number;
  [option: string]: unknown;
}
type CoreCall = (url: string, init: CallInit) => Promise<FetchResponse>;

/**
 * An openapi-fetch client whose every call runs core's retry loop around the *whole* openapi-fetch
 * call (octokit's `hook.wrap("request")`, smithy's retry step): each attempt asks for the credential
 * again, gets a fresh timeout, re-serializes the body from the caller's object (nothing is buffered or
 * cloned) and passes through every middleware added with `client.use()`.
 */
export function createApiClient<Paths extends {}>(
  vendor: VendorDescriptor,
  options: ApiClientOptions,
): ApiClient<Paths> {
  throwIfInvalid(checkClientOptions(options), vendor.provider);
  const userAgent = [options.userAgent, `dbusers/${VERSION} (${vendor.provider})`].filter(Boolean).join(" ");
  const inner = createClient<Paths>({
    baseUrl: options.baseUrl.replace(/\/+$/, ""),
    headers: { accept: "application/json", ...options.headers, "user-agent": userAgent },
    // Redirects are followed by the transport, within the API's origin only (redirects.ts).
    redirect: "manual",
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const send = retryingSender(vendor, options);
  const client: Record<string, unknown> = {
    use: inner.use,
    eject: inner.eject,
    request: (method: string, url: string, init?: CallInit) => {
      const verb = method.toUpperCase();
      return send(verb, url, init ?? {}, (u, i) => inner.request(verb as "get", u as never, i as never));
    },
  };
  for (const method of METHODS) {
    const call = inner[method] as unknown as CoreCall;
    client[method] = (url: string, init?: CallInit) => send(method, url, init ?? {}, call);
  }
  return client as unknown as ApiClient<Paths>;
}

function retryingSender(vendor: VendorDescriptor, options: ApiClientOptions) {
  const { provider } = vendor;
  const throttle =
    options.throttle === false
      ? undefined
      : new RequestThrottle(
          options.throttle?.windows ?? vendor.rateLimits ?? [],
          options.throttle?.maxConcurrency ?? DEFAULT_MAX_CONCURRENCY,
        );
  // The quota the client shares with other processes using the same vendor account, if any.
  const shared = throttle && options.sharedQuota;
  const policy = resolveRetryPolicy(options.retry);
  const scheme = options.auth ?? vendor.auth ?? { type: "bearer" };
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const defaultDeadlineMs = options.deadlineMs ?? DEFAULT_DEADLINE_MS;
  const logger = options.logger?.debug ? options.logger : undefined;

  // The `authorization` header of the last credential sent: a fixed token's is built once.
  let lastAuth: { credential: string; header: readonly [string, string] } | undefined;
  const authOf = (credential: string): readonly [string, string] => {
    if (lastAuth?.credential !== credential)
      lastAuth = { credential, header: authHeader(scheme, credential) };
    return lastAuth.header;
  };

  /**
   * A turn for a request that the throttle could not start at once, or that also needs a place in the
   * quota shared with other processes. Kept out of `send`: most requests never come here.
   */
  async function waitForTurn(
    release: (() => void) | undefined,
    { signal, deadline, credential }: { signal?: AbortSignal; deadline: number; credential?: string },
  ): Promise<() => void> {
    const local = release ?? (await (throttle as RequestThrottle).acquire(signal, deadline));
    if (!shared) return local;
    let place: (() => void) | undefined;
    try {
      place = await takeSharedPlace({
        quota: shared.quota,
        key: await accountKey(provider, shared.key, credential),
        windows: (throttle as RequestThrottle).windows,
        holdMs: Math.min(timeoutMs, Math.max(0, deadline - Date.now())),
        signal,
        deadline,
        logger: options.logger,
        timeoutMs: shared.timeoutMs ?? DEFAULT_STORE_TIMEOUT_MS,
      });
    } catch (error) {
      // The local turn is given back whatever failed, the account's key included.
      local();
      throw error;
    }
    if (!place) return local;
    return () => {
      local();
      place();
    };
  }

  /** An attempt's headers: the credential's, the caller's, and the retry count on a re-send. */
  function requestHeaders(
    credential: string | undefined,
    callerHeaders: HeaderRecord | undefined,
    attempt: number,
  ): HeaderRecord {
    const headers: HeaderRecord = {};
    if (credential !== undefined) {
      const [name, value] = authOf(credential);
      headers[name] = value;
    }
    if (callerHeaders) Object.assign(headers, callerHeaders);
    if (attempt > 0) headers[RETRY_COUNT_HEADER] = String(attempt);
    return headers;
  }

  /**
   * The outcome as the caller gets it: an error answer's body without the secrets this attempt sent, in
   * case the vendor echoed one back. The attempt is logged, when there is a logger, with the same
   * secrets redacted.
   */
  function screened(
    outcome: AttemptOutcome,
    credential: string | undefined,
    entry: AttemptLog,
  ): AttemptOutcome {
    const secrets = sentSecrets(credential, entry.requestBody);
    const { result } = outcome;
    const answer =
      result && !result.response.ok
        ? { ...outcome, result: { ...result, error: withoutSecrets(result.error, secrets) } }
        : outcome;
    if (logger) logAttempt(logger, entry, answer, secrets);
    return answer;
  }

  // Every request runs this, so it allocates little: no closures over its state, the checks and the
  // operation's name made only when they are needed.
  return async function send(
    method: string,
    url: string,
    callInit: CallInit,
    call: CoreCall,
  ): Promise<FetchResponse> {
    const { idempotent, deadlineMs = defaultDeadlineMs } = callInit;
    const init = forwardedInit(callInit);
    const deadline = Date.now() + deadlineMs;
    const callerSignal = init.signal ?? undefined;
    if (callerSignal) throwIfInvalid(checkSignal(callerSignal), provider);
    // openapi-fetch would hand an already-aborted request to `fetch` (and to middleware); a custom
    // fetch might even send it. Refuse it here, with the caller's own reason, as fetch itself does.
    callerSignal?.throwIfAborted();
    const callerHeaders = init.headers ? headerRecord(init.headers) : undefined;
    if (callerHeaders) throwIfInvalid(checkCallHeaders(callerHeaders), provider);
    const tokenRequest = callerSignal ? { signal: callerSignal } : {};
    const fetchImpl = init.fetch ?? options.fetch ?? globalThis.fetch;
    let renewed = false;
    // Whether an attempt so far may have been carried out: not if each was refused with an answer that
    // proves nothing was done (a 4xx, the vendor's throttling answer) or never left this machine.
    let mayHaveApplied = false;
    let totalRetryDelayMs = 0;
    // `attempt` counts what was sent, `retries` what the retry policy granted (a renewal is not a retry).
    for (let attempt = 0, retries = 0; ; attempt++) {
      let credential: string | undefined;
      if (options.token) {
        try {
          const given = revealToken(options.token, provider, tokenRequest);
          credential = typeof given === "string" ? given : await given;
        } catch (error) {
          // A credential that could not be had (a token exchange that failed) sent nothing of this request.
          if (!(error instanceof DatabaseUsersError)) throw error;
          throw attachCallMetadata(error, callMetadata(attempt, totalRetryDelayMs, mayHaveApplied));
        }
        // A provider may have answered after the caller gave up: nothing is sent then.
        callerSignal?.throwIfAborted();
      }
      const headers = requestHeaders(credential, callerHeaders, attempt);
      const askedAt = logger ? performance.now() : 0;
      let release = throttle?.tryAcquire();
      if (throttle && (!release || shared)) {
        try {
          release = await waitForTurn(release, { signal: callerSignal, deadline, credential });
        } catch (error) {
          if (!(error instanceof WaitPastDeadline)) throw error;
          const tooLong = throttleWaitError(provider, `${method} ${url}`, error, deadline, deadlineMs);
          throw attachCallMetadata(tooLong, callMetadata(attempt, totalRetryDelayMs, mayHaveApplied));
        }
      }
      const startedAt = logger ? performance.now() : 0;
      let outcome: AttemptOutcome;
      const remainingMs = deadline - Date.now();
      if (remainingMs <= 0) {
        release?.();
        const late = deadlinePassed(provider, `${method} ${url}`, deadlineMs);
        throw attachCallMetadata(late, callMetadata(attempt, totalRetryDelayMs, mayHaveApplied));
      }
      const sent = new Attempt({
        provider,
        method,
        url,
        timeoutMs: Math.min(timeoutMs, remainingMs),
        maxResponseBytes,
        callerSignal,
        fetch: fetchImpl,
      });
      try {
        try {
          outcome = sent.settle(await call(url, sent.init(init, headers)));
        } catch (error) {
          outcome = sent.fail(error);
        } finally {
          sent.end();
        }
        if (outcome.result) throttle?.observe(outcome.result.response.headers);
      } finally {
        release?.();
      }
      if (logger || !outcome.result?.response.ok) {
        const waitedMs = startedAt - askedAt;
        const entry = { provider, method, attempt, waitedMs, startedAt, requestHeaders: headers };
        outcome = screened(outcome, credential, { ...entry, requestBody: init.body });
      }
      const response = outcome.result?.response;
      mayHaveApplied ||= attemptMayHaveApplied(vendor, outcome);
      if (response?.ok) {
        const metadata = callMetadata(attempt + 1, totalRetryDelayMs, mayHaveApplied);
        return attachCallMetadata(outcome.result as FetchResponse, metadata);
      }
      // A refused credential whose provider can renew it (a cached short-lived token): renewed and sent
      // again, once per call. A 401 proves nothing was done, so a POST is re-sent too.
      const renewable = !renewed && !callerSignal?.aborted && options.token?.invalidate;
      if (response?.status === 401 && credential !== undefined && renewable) {
        renewed = true;
        renewable(credential);
        continue;
      }
      const delay = callerSignal?.aborted
        ? undefined
        : await retryDelay({
            attempt: retries,
            method,
            idempotent,
            url: outcome.url ?? url,
            response,
            body: outcome.result?.error,
            error: outcome.error,
            policy,
            vendor,
            random: options.random,
          });
      if (callerSignal?.aborted) throw callerSignal.reason;
      // A retry that could not start before the deadline is not waited for.
      if (delay === undefined || Date.now() + delay >= deadline) {
        const metadata = callMetadata(attempt + 1, totalRetryDelayMs, mayHaveApplied);
        if (outcome.result) return attachCallMetadata(outcome.result, metadata);
        throw attachCallMetadata(finalError(provider, outcome.error), metadata);
      }
      await sleep(delay, callerSignal);
      totalRetryDelayMs += delay;
      retries++;
    }
  };
}

function callMetadata(attempts: number, totalRetryDelayMs: number, mayHaveApplied: boolean): CallMetadata {
  return { attempts, totalRetryDelayMs, mayHaveApplied };
}

/** The call's init without the transport's own options, which openapi-fetch would copy onto the Request. */
function forwardedInit(init: CallInit): CallInit {
  if (!("idempotent" in init) && !("deadlineMs" in init)) return init;
  const { idempotent: _idempotent, deadlineMs: _deadlineMs, ...rest } = init;
  return rest;
}

function headerRecord(headers: CallInit["headers"]): HeaderRecord {
  if (headers === undefined || headers === null) return {};
  if (headers instanceof Headers || Array.isArray(headers)) return Object.fromEntries(new Headers(headers));
  return headers as HeaderRecord;
}

function deadlinePassed(provider: string, operation: string, deadlineMs: number): TimeoutError {
  return new TimeoutError(
    `${provider}: ${operation} did not finish within its deadline of ${deadlineMs} ms`,
    {
      provider,
    },
  );
}

/**
 * The throttle would have to hold the request past the call's deadline: a rate limit (documented, learned
 * or announced by the vendor's headers) that reopens too late, or no turn among the requests in flight.
 */
function throttleWaitError(
  provider: string,
  operation: string,
  wait: WaitPastDeadline,
  deadline: number,
  deadlineMs: number,
): TimeoutError | RateLimitError {
  if (wait.waitMs === undefined) return deadlinePassed(provider, operation, deadlineMs);
  const left = Math.max(0, Math.round(deadline - Date.now()));
  return new RateLimitError(
    `${provider}: ${operation} would wait ${Math.round(wait.waitMs)} ms for the rate limit to reopen, ` +
      `more than the ${left} ms left before its deadline`,
    { provider, retryAfterMs: Math.round(wait.waitMs) },
  );
}

function finalError(provider: string, error: unknown): unknown {
  if (!isConnectionError(error)) return error;
  const code = (error.cause as { code?: unknown } | undefined)?.code;
  const detail = typeof code === "string" ? `${error.message} (${code})` : error.message;
  return new UnavailableError(`${provider}: could not reach the API: ${redactText(detail)}`, {
    provider,
    cause: error,
  });
}
