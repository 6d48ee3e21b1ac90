// A fetch that records every request an adapter hands it (re-sends and token exchanges included),
// then sends it for real. A test can also have it replace the next answer, to play a broken proxy
// between the adapter and a correct server: the request still reaches the server and is applied. An
// interception plays the rest of the world: it sees each request first and decides how it is sent.

/** A request as it left the adapter, read without consuming it. */
export interface SentRequest {
  method: string;
  url: string;
  /** The URL's path, still percent-encoded. */
  path: string;
  headers: Headers;
  body: string | undefined;
}

/** Turns the real answer into what the adapter should see instead. */
export type AnswerRewrite = (answer: Response, request: SentRequest) => Response | Promise<Response>;

/** A rewrite of a JSON answer's body by `change`, keeping its status. */
export function jsonRewrite(change: (body: unknown) => unknown): AnswerRewrite {
  return async (answer) =>
    new Response(JSON.stringify(change(await answer.json())), {
      status: answer.status,
      headers: { "content-type": "application/json" },
    });
}

/**
 * Stands between the adapter and the network for every request from now on: `send` sends the request
 * (or another one in its place) for real. It may act on the world first (another client creating a
 * name), answer by itself, or let `send`'s answer or failure through.
 */
export type Interception = (
  request: SentRequest,
  send: (request?: Request) => Promise<Response>,
) => Promise<Response>;

export interface RecordingFetch {
  fetch: typeof fetch;
  requests: SentRequest[];
  /** The next answer goes through `rewrite` before the adapter sees it. */
  rewriteNext(rewrite: AnswerRewrite): void;
  /** Every later request goes through `interception` (replacing any earlier one). */
  intercept(interception: Interception): void;
}

export function recordingFetch(): RecordingFetch {
  const requests: SentRequest[] = [];
  const rewrites: AnswerRewrite[] = [];
  let interception: Interception = (_, send) => send();
  const recording = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = input instanceof Request && init === undefined ? input : new Request(input, init);
    const sent: SentRequest = {
      method: request.method,
      url: request.url,
      path: new URL(request.url).pathname,
      headers: new Headers(request.headers),
      // A clone, so that the body still goes out whole.
      body: request.body ? await request.clone().text() : undefined,
    };
    requests.push(sent);
    const answer = await interception(sent, (instead = request) => fetch(instead));
    const rewrite = rewrites.shift();
    return rewrite ? rewrite(answer, sent) : answer;
  };
  return {
    fetch: recording as typeof fetch,
    requests,
    rewriteNext: (rewrite) => {
      rewrites.push(rewrite);
    },
    intercept: (next) => {
      interception = next;
    },
  };
}
