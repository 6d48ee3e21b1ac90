// The hostile answers of issue 20, each as a proxy in front of the simulator would give them. A case
// decides per request: answer itself (a redirect, an endless or deeply nested body), or forward to the
// simulator and change the answer (rate-limit headers, page counts). Shared by the child process that
// plays a case and by the test that runs every case for every vendor.
import type { IncomingMessage, ServerResponse } from "node:http";

export type CaseName =
  | "redirect-mutation"
  | "redirect-read"
  | "reset-far"
  | "reset-overflow"
  | "endless-body"
  | "deep-2xx"
  | "deep-404"
  | "endless-pages"
  | "repeated-pages";

export interface Forwarded {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface HostileCase {
  /** What the case's call must end with: an error class's name, or `"ok"`. */
  expected: string;
  /** Only vendors whose list is paged (Cloud66) can send pages that never end or repeat. */
  pagedOnly?: boolean;
  /** Answers a request itself; returns false to forward it to the simulator. */
  answer?: (request: IncomingMessage, response: ServerResponse, other: string) => boolean;
  /** The path and query the simulator is asked instead of the request's own. */
  forwardAs?: (url: string) => string;
  /** Changes a forwarded answer. */
  rewrite?: (request: IncomingMessage, answer: Forwarded) => Forwarded;
}

const epochSecondsFromNow = (ms: number): string => String(Math.floor((Date.now() + ms) / 1000));
const spentWindow = (inMs: number) => ({
  "ratelimit-remaining": "0",
  "ratelimit-limit": "1000",
  "ratelimit-reset": epochSecondsFromNow(inMs),
  "x-ratelimit-remaining": "0",
  "x-ratelimit-limit": "1000",
  "x-ratelimit-reset": new Date(Date.now() + inMs).toISOString(),
});
const deepJson = (levels: number): string => "[".repeat(levels) + "]".repeat(levels);
const isRead = (request: IncomingMessage): boolean => request.method === "GET";

function endless(response: ServerResponse): void {
  response.writeHead(200, { "content-type": "application/json" });
  response.write("[");
  const chunk = '"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",'.repeat(1_000);
  const pump = (): void => {
    while (!response.destroyed && response.write(chunk)) {}
    if (!response.destroyed) response.once("drain", pump);
  };
  pump();
}

/** Cloud66's page body with its pagination changed by `change`. */
function repaginate(answer: Forwarded, change: (pagination: Record<string, unknown>) => void): Forwarded {
  const body = JSON.parse(answer.body) as { pagination?: Record<string, unknown> };
  if (body.pagination) change(body.pagination);
  return { ...answer, body: JSON.stringify(body) };
}

export const HOSTILE_CASES: Record<CaseName, HostileCase> = {
  // A cross-origin 307 for every mutation: fetch would re-send the new password there.
  "redirect-mutation": {
    expected: "RedirectError",
    answer: (request, response, other) => {
      if (isRead(request)) return false;
      response.writeHead(307, { location: `${other}/steal?session=abc123` }).end();
      return true;
    },
  },
  // A cross-origin 302 for every read: fetch would send the caller's headers there.
  "redirect-read": {
    expected: "RedirectError",
    answer: (request, response, other) => {
      if (!isRead(request)) return false;
      response.writeHead(302, { location: `${other}/users?session=abc123` }).end();
      return true;
    },
  },
  // Every answer says the window is spent for two more hours: the next call must not wait for it.
  "reset-far": {
    expected: "RateLimitError",
    rewrite: (_request, answer) => ({ ...answer, headers: { ...answer.headers, ...spentWindow(7_200_000) } }),
  },
  // A reset 30 days away, past Node's timer ceiling and any plausible window: no hint at all.
  "reset-overflow": {
    expected: "ok",
    rewrite: (_request, answer) => ({
      ...answer,
      headers: { ...answer.headers, ...spentWindow(30 * 86_400_000) },
    }),
  },
  "endless-body": {
    expected: "InvalidResponseError",
    answer: (request, response) => {
      if (!isRead(request)) return false;
      endless(response);
      return true;
    },
  },
  "deep-2xx": {
    expected: "InvalidResponseError",
    answer: (request, response) => {
      if (!isRead(request)) return false;
      response.writeHead(200, { "content-type": "application/json" }).end(deepJson(3_000));
      return true;
    },
  },
  "deep-404": {
    expected: "NotFoundError",
    answer: (request, response) => {
      if (!isRead(request)) return false;
      response.writeHead(404, { "content-type": "application/json" }).end(`{"error":${deepJson(3_000)}}`);
      return true;
    },
  },
  // Thirty users, 43,000 pages announced.
  "endless-pages": {
    expected: "InvalidResponseError",
    pagedOnly: true,
    rewrite: (_request, answer) =>
      repaginate(answer, (pagination) => {
        pagination.pages = 43_000;
      }),
  },
  // Every page is page 1 again, under 50 announced pages of 1,500 users.
  "repeated-pages": {
    expected: "ok",
    pagedOnly: true,
    forwardAs: (url) => url.replace(/([?&]page=)\d+/, "$11"),
    rewrite: (request, answer) =>
      repaginate(answer, (pagination) => {
        pagination.current = Number(new URL(request.url ?? "/", "http://x").searchParams.get("page") ?? 1);
        pagination.pages = 50;
        pagination.count = 1_500;
      }),
  },
};
