// A fetch that records every request an adapter hands it (re-sends and token exchanges included),
// then sends it for real. A test can also have it replace the next answer, to play a broken proxy
// between the adapter and a correct server: the request still reaches the server and is applied.

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

export interface RecordingFetch {
  fetch: typeof fetch;
  requests: SentRequest[];
  /** The next answer goes through `rewrite` before the adapter sees it. */
  rewriteNext(rewrite: AnswerRewrite): void;
}

export function recordingFetch(): RecordingFetch {
  const requests: SentRequest[] = [];
  const rewrites: AnswerRewrite[] = [];
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
    const answer = await fetch(request);
    const rewrite = rewrites.shift();
    return rewrite ? rewrite(answer, sent) : answer;
  };
  return {
    fetch: recording as typeof fetch,
    requests,
    rewriteNext: (rewrite) => {
      rewrites.push(rewrite);
    },
  };
}
