// An answer's body is read whole (openapi-fetch parses it), so a server sending an endless or huge body
// would grow the process's memory until the attempt's timeout, gigabytes in seconds. The body is counted
// while it is read and the read fails once it passes the limit, which cancels the rest of the stream.

/** Default of the `maxResponseBytes` client option: 10 MiB, far above any list the vendors send. */
export const DEFAULT_MAX_RESPONSE_BYTES: number = 10 * 1024 * 1024;

const DIGITS = /^\d+$/;
/** Statuses a Response cannot be made with a body for. */
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/** The body passed the limit; the attempt ends with a typed error (see `Attempt.fail`). */
export class BodyTooLargeError extends Error {
  override name = "BodyTooLargeError";
  readonly maxBytes: number;
  constructor(maxBytes: number) {
    super(`the body is larger than the ${maxBytes} bytes allowed (maxResponseBytes)`);
    this.maxBytes = maxBytes;
  }
}

/**
 * `response` with a body that errors with `BodyTooLargeError` past `maxBytes`. A body whose
 * `content-length` is within the limit is left as it is: Node's fetch reads no more than that length,
 * so the common answer costs nothing here. Other answers (chunked, no length, a custom fetch's) are
 * counted chunk by chunk.
 */
export function limitBody(response: Response, maxBytes: number): Response {
  // In this order, each step read only when the ones before did not decide: every answer comes here,
  // and `body` is a getter that costs as much as a header.
  if (NULL_BODY_STATUSES.has(response.status)) return response;
  const length = response.headers.get("content-length");
  if (length !== null && DIGITS.test(length) && Number(length) <= maxBytes) {
    return response;
  }
  const body = response.body;
  if (body === null) return response;
  let seen = 0;
  const counted = body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        seen += chunk.byteLength;
        if (seen > maxBytes) controller.error(new BodyTooLargeError(maxBytes));
        else controller.enqueue(chunk);
      },
    }),
  );
  const limited = new Response(counted, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
  // Read by error messages and by the redirect rule; a constructed Response has none of its own.
  Object.defineProperty(limited, "url", { value: response.url });
  return limited;
}
