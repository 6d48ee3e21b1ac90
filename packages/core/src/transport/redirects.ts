import { redirectTarget } from "../error-from-response.ts";

// fetch's own `redirect: "follow"` re-sends a 307/308's body to wherever the Location points, and the
// caller's headers on every redirect code (it strips only `authorization`): a password or a custom
// credential header would reach another origin, and that origin's 204 would pass for the vendor's. So
// requests go out with `redirect: "manual"` and this decides: a read may follow a redirect within the
// API's origin, a few times; anything else comes back as the 3xx it is, which `errorFromResponse`
// turns into a `RedirectError` naming the target's origin.

/** Redirects a read follows within the API's origin before the answer counts as a redirect error. */
export const MAX_REDIRECTS = 5;

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
/** Methods that change nothing: following their redirect cannot repeat or move a change. */
const READ_METHODS = new Set(["GET", "HEAD"]);

/** Whether an answer is a redirect that `followWithinOrigin` decides about. */
export const isRedirect = (response: Response): boolean => REDIRECT_STATUSES.has(response.status);

/**
 * Given the redirect answer to `request` (sent with `redirect: "manual"`), follows it and the ones after
 * while they stay on its origin and it is a read, `MAX_REDIRECTS` times at most. Returns the first
 * answer that is not followed.
 */
export async function followWithinOrigin(
  fetch: typeof globalThis.fetch,
  request: Request,
  redirect: Response,
  init: RequestInit | undefined,
): Promise<Response> {
  let current = request;
  let response = redirect;
  for (let hops = 0; isRedirect(response) && hops < MAX_REDIRECTS; hops++) {
    if (!READ_METHODS.has(current.method)) return response;
    const target = redirectTarget(response.url ? response : withUrl(response, current.url));
    if (target === undefined || target.origin !== new URL(current.url).origin) return response;
    // The redirect's own body is not wanted: dropped, so its connection can be reused.
    await response.body?.cancel();
    current = new Request(target, {
      method: current.method,
      headers: current.headers,
      signal: current.signal,
      redirect: "manual",
    });
    response = await fetch(current, init);
  }
  return response;
}

/** A custom fetch may answer without a URL; the Location is then resolved against the request's. */
function withUrl(response: Response, url: string): Response {
  return { headers: response.headers, url } as Response;
}
