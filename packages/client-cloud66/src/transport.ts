import type { RetryContext, RetryOptions } from "@dbusers/core";
import { defineVendor, provenNotSent, type VendorDescriptor } from "@dbusers/core/adapter";
import { cloud66, isCloud66NotImplemented, isCloud66Throttled } from "./vendor.ts";

/** The vendor descriptor and retry options one Cloud 66 client runs with. */
export interface Cloud66Transport {
  vendor: VendorDescriptor;
  retry: RetryOptions | false;
}

/**
 * Cloud 66's retry rules on top of core's. Core repeats a DELETE after a 5xx, a lost connection or a
 * timeout, because deleting twice is harmless where the first delete is done when it answers. On
 * Cloud 66 it queues an action: a second DELETE queues a second action, which fails once the first has
 * removed the user, and the caller would be told that a delete which happened failed. So every request
 * but a GET is re-sent only after a throttling answer (429 or `503 throttled`) or when it never left this
 * machine (a refused connection), both proving Cloud 66 did nothing. `503 not_implemented` is permanent:
 * no request is re-sent after it, not even a GET. The caller's own `shouldRetry` still has the last word.
 *
 * Telling `503 throttled` and `503 not_implemented` from Cloud 66's other 503s takes the body, which
 * `shouldRetry` is not given: core asks the descriptor's `isThrottled` about every error answer before
 * `shouldRetry`, so this client's descriptor notes there the answers it found throttled or permanent.
 */
export function cloud66Transport(retry: RetryOptions | false | undefined): Cloud66Transport {
  const throttled = new WeakSet<Response>();
  const permanent = new WeakSet<Response>();
  const vendor = defineVendor({
    ...cloud66,
    isThrottled(response: Response, body: unknown): boolean {
      if (isCloud66NotImplemented(response, body)) permanent.add(response);
      const verdict = isCloud66Throttled(response, body);
      if (verdict) throttled.add(response);
      return verdict;
    },
  });
  if (retry === false) return { vendor, retry };
  const given = retry ?? {};
  const slowDown = (response: Response | undefined) =>
    response !== undefined && (response.status === 429 || throttled.has(response));
  return {
    vendor,
    retry: {
      ...given,
      shouldRetry(context: RetryContext) {
        const { method, response, error } = context;
        const again = method === "GET" || slowDown(response) || provenNotSent(error);
        const retryable = context.retryable && again && !(response && permanent.has(response));
        return given.shouldRetry ? given.shouldRetry({ ...context, retryable }) : retryable;
      },
    },
  };
}
