import { TimeoutError } from "../errors.ts";
import { redactText } from "../redact.ts";
import type { ProviderName } from "../types.ts";
import type { AttemptHook, AttemptOutcome } from "./attempt.ts";

// Statuses whose responses cannot carry a body (a Response with a body and one of these is invalid).
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/**
 * Gives each attempt its own time budget: `AbortSignal.any([caller's signal, AbortSignal.timeout(ms)])`.
 * A signal made once per client (openapi-fetch#2567) would expire for every later call; one made per
 * call would leave a retry only what the failed attempts left over.
 *
 * The budget covers the response body too: the body is read here, so a server that stalls mid-body
 * fails as a `TimeoutError` that the retry middleware can act on, not as a bare DOMException later.
 */
export function timeoutHook(provider: ProviderName, timeoutMs: number): AttemptHook {
  return (request) => {
    const callerSignal = request.signal;
    const timer = AbortSignal.timeout(timeoutMs);
    const attemptRequest = new Request(request, { signal: AbortSignal.any([callerSignal, timer]) });

    const timedOut = (cause: unknown): AttemptOutcome => ({
      error: new TimeoutError(
        `${provider}: ${request.method} ${redactText(request.url)} got no complete answer within ${timeoutMs} ms`,
        { provider, cause },
      ),
    });

    return {
      request: attemptRequest,
      async settle(outcome) {
        // The caller's abort wins over our timer: the caller must get back exactly the reason it gave.
        if (callerSignal.aborted) {
          return { error: callerSignal.reason };
        }
        if (!outcome.response) {
          return timer.aborted ? timedOut(outcome.error) : outcome;
        }
        try {
          return { response: await withBufferedBody(outcome.response) };
        } catch (error) {
          if (callerSignal.aborted) return { error: callerSignal.reason };
          return timer.aborted ? timedOut(error) : { error };
        }
      },
    };
  };
}

async function withBufferedBody(response: Response): Promise<Response> {
  const body = NULL_BODY_STATUSES.has(response.status) ? null : await response.arrayBuffer();
  return new Response(body, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
}
