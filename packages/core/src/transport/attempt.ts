import { MAX_BODY_DEPTH, nestsDeeperThan } from "../body-depth.ts";
import { TimeoutError } from "../errors.ts";
import { invalidResponse } from "../invalid-response.ts";
import { BodyTooLargeError, limitBody } from "./body-limit.ts";
import { followWithinOrigin, isRedirect } from "./redirects.ts";

/** What openapi-fetch resolves with. */
export interface FetchResponse {
  data?: unknown;
  error?: unknown;
  response: Response;
}

/** How one attempt ended: openapi-fetch's result (any status), or no usable answer. */
export type AttemptOutcome = (
  | { result: FetchResponse; error?: undefined }
  | { error: unknown; result?: undefined }
) & {
  /** The URL the attempt was sent to, once openapi-fetch built it. */
  url?: string;
};

export interface AttemptInput {
  provider: string;
  method: string;
  /** The path template (`/v2/databases/{database_cluster_uuid}/users`): messages name it, never ids. */
  url: string;
  timeoutMs: number;
  /** The most an answer's body may hold, in bytes. */
  maxResponseBytes: number;
  callerSignal: AbortSignal | undefined;
  /** The fetch openapi-fetch would have used. */
  fetch: typeof fetch;
  /** The openapi-fetch call (`client.GET` …), made once with `init` and `headers`. */
  call: (url: string, init: Record<string, unknown>) => Promise<FetchResponse>;
  init: Record<string, unknown>;
  headers: Record<string, unknown>;
}

/**
 * Node's own fetch, as it was when this module loaded. It takes `init.signal` over the Request's own, so
 * the attempt's signal is handed to it there: given to the Request openapi-fetch builds, the signal would
 * be linked to it (a WeakRef, a FinalizationRegistry entry, a listener) and linked again by fetch's own
 * copy of that Request, some microseconds on every request. Any other fetch (a caller's, a test's, one
 * that replaced the global) may read only the Request: it gets the signal there.
 */
const NODE_FETCH = globalThis.fetch;

/**
 * Runs one attempt under its own time budget, which covers the response body too (openapi-fetch reads
 * it under the same signal). A budget made once per client (openapi-fetch#2567) would expire for every
 * later call; one made per call would leave a retry only what the failed attempts left over.
 *
 * The caller's abort wins over our timer and is re-thrown as it is, with the caller's own reason.
 * A 2xx body that is not JSON, larger than `maxResponseBytes` or nested deeper than `MAX_BODY_DEPTH`
 * becomes an `InvalidResponseError` instead of a bare `SyntaxError` (or a heap or stack exhausted
 * later); an error answer whose body is too large keeps its status, without the body. Redirects are
 * followed only where `followWithinOrigin` allows.
 */
export async function runAttempt(input: AttemptInput): Promise<AttemptOutcome> {
  const { callerSignal } = input;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), input.timeoutMs);
  const forwardAbort = callerSignal && ((): void => controller.abort(callerSignal.reason));
  if (forwardAbort) callerSignal?.addEventListener("abort", forwardAbort, { once: true });
  let answer: Response | undefined;
  let url: string | undefined;
  const signalOnRequest = input.fetch !== NODE_FETCH;
  const capture = async (request: Request, init?: RequestInit): Promise<Response> => {
    url = request.url;
    const sent = signalOnRequest ? init : { ...init, signal: controller.signal };
    let response = await input.fetch(request, sent);
    // Checked here, not in an async helper: a call that is not redirected (nearly all) pays no tick.
    if (isRedirect(response)) response = await followWithinOrigin(input.fetch, request, response, sent);
    answer = limitBody(response, input.maxResponseBytes);
    return answer;
  };
  try {
    const result = await input.call(input.url, {
      ...input.init,
      headers: input.headers,
      signal: signalOnRequest ? controller.signal : undefined,
      fetch: capture,
      // Last: a call's own `redirect: "follow"` would re-open the leak redirects.ts closes.
      redirect: "manual",
    });
    if (result.response.ok && nestsDeeperThan(result.data, MAX_BODY_DEPTH)) {
      const problem = `the body nests deeper than ${MAX_BODY_DEPTH} levels`;
      return { url, error: invalidResponse(input.provider, result.response, problem) };
    }
    return { result, url };
  } catch (error) {
    if (callerSignal?.aborted) throw callerSignal.reason;
    if (controller.signal.aborted) {
      return {
        url,
        error: new TimeoutError(
          `${input.provider}: ${input.method} ${input.url} got no complete answer within ${input.timeoutMs} ms`,
          { provider: input.provider, cause: error },
        ),
      };
    }
    if (error instanceof BodyTooLargeError && answer) {
      // Not retried: the same request would bring the same body. An error answer keeps its status.
      if (!answer.ok) return { url, result: { error: undefined, response: answer } };
      return { url, error: invalidResponse(input.provider, answer, error.message) };
    }
    if (error instanceof SyntaxError && answer?.ok) {
      // Not the SyntaxError as `cause`: V8 quotes the start of the body in its message.
      const type = answer.headers.get("content-type") ?? "none";
      return {
        url,
        error: invalidResponse(input.provider, answer, `the body is not JSON (content-type: ${type})`),
      };
    }
    return { url, error };
  } finally {
    clearTimeout(timer);
    if (forwardAbort) callerSignal?.removeEventListener("abort", forwardAbort);
  }
}
