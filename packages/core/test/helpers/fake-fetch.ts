// A scripted stand-in for fetch: answers each request with the next step of its script and records
// every request it saw, body included, so tests can assert on exactly what went over the wire.

export interface SeenRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
  signal: AbortSignal;
}

/** A response, a thrown error, or a function of the request (for slow or hanging servers). */
export type Step = Response | Error | ((request: Request) => Promise<Response>);

export interface FakeFetch {
  fetch: typeof fetch;
  seen: SeenRequest[];
  /** Steps not consumed yet. */
  remaining: () => number;
}

export function fakeFetch(script: Step[]): FakeFetch {
  const queue = [...script];
  const seen: SeenRequest[] = [];
  const fetchImpl = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = input instanceof Request ? input : new Request(input, init);
    // Like real fetch: an already-aborted request is never sent.
    request.signal.throwIfAborted();
    seen.push({
      method: request.method,
      url: request.url,
      headers: Object.fromEntries(request.headers),
      body: await request.text(),
      signal: request.signal,
    });
    const step = queue.shift();
    if (step === undefined) {
      throw new Error(`unexpected request: ${request.method} ${request.url}`);
    }
    if (step instanceof Error) {
      throw step;
    }
    return typeof step === "function" ? step(request) : step;
  };
  return { fetch: fetchImpl as typeof fetch, seen, remaining: () => queue.length };
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", ...headers },
  });
}

export function empty(status: number, headers: Record<string, string> = {}): Response {
  return new Response(null, { status, headers });
}

/** What undici throws when no HTTP answer came back. */
/**
 * fetch's failure when the connection broke: by default after the request was written (`ECONNRESET`:
 * the vendor may have carried it out); `ECONNREFUSED` proves it never left.
 */
export function connectionError(code: "ECONNRESET" | "ECONNREFUSED" = "ECONNRESET"): TypeError {
  const message = code === "ECONNREFUSED" ? "connect ECONNREFUSED" : "read ECONNRESET";
  return new TypeError("fetch failed", { cause: Object.assign(new Error(message), { code }) });
}

/** A server that never answers: the request only ends when its signal aborts, like real fetch. */
export function hang(): (request: Request) => Promise<Response> {
  return (request) =>
    new Promise((_, reject) => {
      request.signal.addEventListener("abort", () => reject(request.signal.reason), { once: true });
    });
}

/** Answers after `ms`, unless the request is aborted first. */
export function after(ms: number, response: () => Response): (request: Request) => Promise<Response> {
  return (request) =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => resolve(response()), ms);
      request.signal.addEventListener(
        "abort",
        () => {
          clearTimeout(timer);
          reject(request.signal.reason);
        },
        { once: true },
      );
    });
}

/** Sends the status and headers at once, then stalls the body until the request is aborted. */
export function stalledBody(status = 200): (request: Request) => Promise<Response> {
  return async (request) =>
    new Response(
      new ReadableStream({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('{"partial":'));
          request.signal.addEventListener("abort", () => controller.error(request.signal.reason), {
            once: true,
          });
        },
      }),
      { status, headers: { "content-type": "application/json" } },
    );
}

/** Resolves once `check` holds, polling on real timers (for tests that must act mid-request). */
export async function until(check: () => boolean, timeoutMs = 2_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}
