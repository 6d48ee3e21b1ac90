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
  /** `GET /v2/databases/{database_cluster_uuid}/users`, for messages (no ids, no secrets). */
  operation: string;
  timeoutMs: number;
  /** The most an answer's body may hold, in bytes. */
  maxResponseBytes: number;
  callerSignal: AbortSignal | undefined;
  /** The fetch openapi-fetch would have used. */
  fetch: typeof fetch;
  /** Runs openapi-fetch once with the attempt's signal and fetch. */
  run: (signal: AbortSignal, fetch: typeof globalThis.fetch) => Promise<FetchResponse>;
}

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
  const forwardAbort = (): void => controller.abort(callerSignal?.reason);
  callerSignal?.addEventListener("abort", forwardAbort, { once: true });
  let answer: Response | undefined;
  let url: string | undefined;
  const capture = async (request: Request, init?: RequestInit): Promise<Response> => {
    url = request.url;
    let response = await input.fetch(request, init);
    // Checked here, not in an async helper: a call that is not redirected (nearly all) pays no tick.
    if (isRedirect(response)) response = await followWithinOrigin(input.fetch, request, response, init);
    answer = limitBody(response, input.maxResponseBytes);
    return answer;
  };
  try {
    const result = await input.run(controller.signal, capture as typeof fetch);
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
          `${input.provider}: ${input.operation} got no complete answer within ${input.timeoutMs} ms`,
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
    callerSignal?.removeEventListener("abort", forwardAbort);
  }
}
