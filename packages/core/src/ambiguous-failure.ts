import { InvalidResponseError, TimeoutError, UnavailableError } from "./errors.ts";

/**
 * A failure that leaves a request's fate unknown: the request may have reached the vendor before the
 * connection broke, the attempt timed out, or the vendor answered 5xx after maybe doing the work. A 2xx
 * whose body is lost or malformed is worse: the work was done, only the answer is unusable.
 * A 408 is not ambiguous: the server says it stopped waiting for the request.
 */
export function isAmbiguousFailure(error: unknown): boolean {
  return (
    error instanceof UnavailableError ||
    error instanceof InvalidResponseError ||
    (error instanceof TimeoutError && error.status === undefined)
  );
}
