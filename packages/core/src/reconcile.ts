import { InvalidResponseError, NotFoundError, TimeoutError, UnavailableError } from "./errors.ts";

export interface ReconcileOptions<T> {
  /** Sends the create request (never retried on an ambiguous failure by the retry middleware). */
  create: () => Promise<T>;
  /**
   * Called when the create may or may not have happened: looks the user up and returns the same
   * result as a successful create (e.g. by resetting the password, so the caller gets one it knows).
   * Throws `NotFoundError` when the user does not exist, i.e. the create did not happen.
   */
  recover: () => Promise<T>;
}

/**
 * A failure that leaves the create's fate unknown: the request may have reached the vendor before the
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

/**
 * Runs `create`; when it fails ambiguously, asks `recover` instead of re-sending (a re-sent create
 * would at best fail with a conflict). If the lookup finds no user, the original error is thrown,
 * since nothing was created; any other lookup failure is thrown as it is.
 */
export async function reconcileAmbiguousCreate<T>(options: ReconcileOptions<T>): Promise<T> {
  try {
    return await options.create();
  } catch (error) {
    if (!isAmbiguousFailure(error)) {
      throw error;
    }
    try {
      return await options.recover();
    } catch (lookupError) {
      throw lookupError instanceof NotFoundError ? error : lookupError;
    }
  }
}
