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
}

/**
 * Node's own fetch, as it was when this module loaded. It takes `init.signal` over the Request's own, so
 * the attempt's signal is handed to it there: given to the Request openapi-fetch builds, the signal would
 * be linked to it (a WeakRef, a FinalizationRegistry entry, a listener) and linked again by fetch's own
 * copy of that Request, some microseconds on every request. Any other fetch (a caller's, a test's, one
 * that replaced the global) may read only the Request: it gets the signal there.
 */
const NODE_FETCH = globalThis.fetch;

/** The attempt's timer's callback: one function for all of them, not a closure made for each. */
function abort(controller: AbortController): void {
  controller.abort();
}

/**
 * One attempt under its own time budget, which covers the response body too (openapi-fetch reads it
 * under the same signal). A budget made once per client (openapi-fetch#2567) would expire for every
 * later call; one made per call would leave a retry only what the failed attempts left over.
 *
 * The transport makes the openapi-fetch call itself, with `init()`, and hands what it resolved with to
 * `settle()` or what it threw to `fail()`; `end()` comes last, whatever happened. (A class and not an
 * async function around the call: every request makes one, and a layer of promises costs each of them.)
 *
 * The caller's abort wins over our timer and is re-thrown as it is, with the caller's own reason.
 * A 2xx body that is not JSON, larger than `maxResponseBytes` or nested deeper than `MAX_BODY_DEPTH`
 * becomes an `InvalidResponseError` instead of a bare `SyntaxError` (or a heap or stack exhausted
 * later); an error answer whose body is too large keeps its status, without the body. Redirects are
 * followed only where `followWithinOrigin` allows.
 */
export class Attempt {
  readonly #input: AttemptInput;
  readonly #controller = new AbortController();
  readonly #timer: ReturnType<typeof setTimeout>;
  readonly #forwardAbort: (() => void) | undefined;
  readonly #signalOnRequest: boolean;
  /** The URL openapi-fetch built, once it asked for the answer. */
  #url: string | undefined;
  /** The answer as openapi-fetch read it. */
  #answer: Response | undefined;

  constructor(input: AttemptInput) {
    this.#input = input;
    const controller = this.#controller;
    this.#timer = setTimeout(abort, input.timeoutMs, controller);
    const { callerSignal } = input;
    if (callerSignal) {
      this.#forwardAbort = () => controller.abort(callerSignal.reason);
      callerSignal.addEventListener("abort", this.#forwardAbort, { once: true });
    }
    this.#signalOnRequest = input.fetch !== NODE_FETCH;
  }

  /** openapi-fetch's options for the call: the caller's, with the attempt's headers, signal and fetch. */
  init(init: Record<string, unknown>, headers: Record<string, unknown>): Record<string, unknown> {
    return {
      ...init,
      headers,
      signal: this.#signalOnRequest ? this.#controller.signal : undefined,
      fetch: this.#fetch,
      // Last: a call's own `redirect: "follow"` would re-open the leak redirects.ts closes.
      redirect: "manual",
    };
  }

  readonly #fetch = async (request: Request, init?: RequestInit): Promise<Response> => {
    const { fetch, maxResponseBytes } = this.#input;
    this.#url = request.url;
    const sent = this.#signalOnRequest ? init : { ...init, signal: this.#controller.signal };
    let response = await fetch(request, sent);
    // Checked here, not in an async helper: a call that is not redirected (nearly all) pays no tick.
    if (isRedirect(response)) response = await followWithinOrigin(fetch, request, response, sent);
    this.#answer = limitBody(response, maxResponseBytes);
    return this.#answer;
  };

  /** The outcome of what openapi-fetch resolved with. */
  settle(result: FetchResponse): AttemptOutcome {
    const url = this.#url;
    if (result.response.ok && nestsDeeperThan(result.data, MAX_BODY_DEPTH)) {
      const problem = `the body nests deeper than ${MAX_BODY_DEPTH} levels`;
      return { url, error: invalidResponse(this.#input.provider, result.response, problem) };
    }
    return { result, url };
  }

  /** The outcome of what openapi-fetch threw; the caller's abort is thrown again, with its reason. */
  fail(error: unknown): AttemptOutcome {
    const { provider, method, timeoutMs, callerSignal } = this.#input;
    const url = this.#url;
    const answer = this.#answer;
    if (callerSignal?.aborted) throw callerSignal.reason;
    if (this.#controller.signal.aborted) {
      return {
        url,
        error: new TimeoutError(
          `${provider}: ${method} ${this.#input.url} got no complete answer within ${timeoutMs} ms`,
          { provider, cause: error },
        ),
      };
    }
    if (error instanceof BodyTooLargeError && answer) {
      // Not retried: the same request would bring the same body. An error answer keeps its status.
      if (!answer.ok) return { url, result: { error: undefined, response: answer } };
      return { url, error: invalidResponse(provider, answer, error.message) };
    }
    if (error instanceof SyntaxError && answer?.ok) {
      // Not the SyntaxError as `cause`: V8 quotes the start of the body in its message.
      const type = answer.headers.get("content-type") ?? "none";
      return {
        url,
        error: invalidResponse(provider, answer, `the body is not JSON (content-type: ${type})`),
      };
    }
    return { url, error };
  }

  /** Stops the attempt's timer and its watch on the caller's signal. */
  end(): void {
    clearTimeout(this.#timer);
    if (this.#forwardAbort) this.#input.callerSignal?.removeEventListener("abort", this.#forwardAbort);
  }
}
