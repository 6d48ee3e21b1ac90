import type { Middleware } from "openapi-fetch";
import { UnavailableError } from "../errors.ts";
import { redactText } from "../redact.ts";
import { isConnectionError, type RetryPolicy, retryDelay, type ThrottleCheck } from "../retry-policy.ts";
import { sleep } from "../sleep.ts";
import type { ProviderName } from "../types.ts";
import { type AttemptHook, type AttemptOutcome, startAttempt } from "./attempt.ts";

/** Sent on every re-send with the retry number (1, 2, …), so server logs can tell retries apart. */
export const RETRY_COUNT_HEADER = "dbusers-retry-count";

export interface RetryMiddlewareOptions {
  provider: ProviderName;
  policy: RetryPolicy;
  /** Run around every attempt, the first one included. */
  hooks: AttemptHook[];
  isThrottled?: ThrottleCheck;
  /** Sends the re-sends; defaults to the fetch the openapi-fetch client was given. */
  fetch?: typeof fetch;
  random?: () => number;
}

interface PendingCall {
  /** Untouched copy taken before the first send: openapi-fetch never clones, and a sent body is gone. */
  pristine: Request;
  callerSignal: AbortSignal;
  settleFirst: (outcome: AttemptOutcome) => Promise<AttemptOutcome>;
}

/**
 * Sends the first attempt through openapi-fetch and any re-sends itself (from `onResponse` /
 * `onError`), waiting out the policy's delay between them. The last answer is handed back as is,
 * for the adapter to turn into a typed error; a call that never got an answer throws.
 */
export function retryMiddleware(options: RetryMiddlewareOptions): Middleware {
  const { provider, policy, hooks } = options;
  const pending = new Map<string, PendingCall>();

  async function finishCall(
    id: string,
    first: AttemptOutcome,
    clientFetch: typeof fetch,
  ): Promise<AttemptOutcome> {
    const call = pending.get(id);
    if (!call) {
      return first;
    }
    pending.delete(id);
    const send = options.fetch ?? clientFetch;
    const { pristine, callerSignal } = call;
    let outcome = await call.settleFirst(first);
    for (let attempt = 0; ; attempt++) {
      const delay = callerSignal.aborted
        ? undefined
        : await retryDelay({
            attempt,
            method: pristine.method,
            url: pristine.url,
            response: outcome.response,
            error: outcome.error,
            policy,
            isThrottled: options.isThrottled,
            random: options.random,
          });
      if (delay === undefined) {
        return finalOutcome(provider, outcome, callerSignal);
      }
      await sleep(delay, callerSignal);
      const request = pristine.clone();
      request.headers.set(RETRY_COUNT_HEADER, String(attempt + 1));
      const started = await startAttempt(hooks, request, attempt + 1);
      let raw: AttemptOutcome;
      try {
        raw = { response: await send(started.request) };
      } catch (error) {
        raw = { error };
      }
      outcome = await started.settle(raw);
    }
  }

  return {
    async onRequest({ request, id }) {
      // openapi-fetch would hand an already-aborted request to `fetch` (and to the debug log); a custom
      // fetch might even send it. Refuse it here, with the caller's own reason, as fetch itself does.
      request.signal.throwIfAborted();
      const pristine = request.clone();
      const first = await startAttempt(hooks, request, 0);
      pending.set(id, { pristine, callerSignal: request.signal, settleFirst: first.settle });
      return first.request;
    },
    async onResponse({ id, response, options: clientOptions }) {
      const outcome = await finishCall(id, { response }, clientOptions.fetch);
      if (outcome.response) {
        return outcome.response;
      }
      throw outcome.error;
    },
    async onError({ id, error, options: clientOptions }) {
      const outcome = await finishCall(id, { error }, clientOptions.fetch);
      if (outcome.response) {
        return outcome.response;
      }
      // Returned errors reach the other middleware's onError; anything else can only be thrown.
      if (outcome.error instanceof Error) {
        return outcome.error;
      }
      throw outcome.error;
    },
  };
}

function finalOutcome(
  provider: ProviderName,
  outcome: AttemptOutcome,
  callerSignal: AbortSignal,
): AttemptOutcome {
  // A caller who aborted gets its own reason back, whatever the last attempt produced, as with fetch.
  if (callerSignal.aborted) {
    return { error: callerSignal.reason };
  }
  if (outcome.response) {
    return outcome;
  }
  if (isConnectionError(outcome.error)) {
    return { error: connectionFailure(provider, outcome.error) };
  }
  return outcome;
}

function connectionFailure(provider: ProviderName, error: TypeError): UnavailableError {
  const code = (error.cause as { code?: unknown } | undefined)?.code;
  const detail = typeof code === "string" ? `${error.message} (${code})` : error.message;
  return new UnavailableError(`${provider}: could not reach the API: ${redactText(detail)}`, {
    provider,
    cause: error,
  });
}
