import type { RetryContext, RetryOptions } from "@dbusers/core";
import { defineVendor, type VendorDescriptor } from "@dbusers/core/adapter";
import { cloud66, isCloud66Throttled } from "./vendor.ts";

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
 * but a GET is re-sent only after a throttling answer (429 or `503 throttled`), which proves Cloud 66 did
 * nothing; the caller's own `shouldRetry` still has the last word.
 *
 * Telling `503 throttled` from Cloud 66's other 503s takes the body, which `shouldRetry` is not given:
 * core asks the descriptor's `isThrottled` about every error answer before `shouldRetry`, so this
 * client's descriptor notes the answers it found throttled.
 */
export function cloud66Transport(retry: RetryOptions | false | undefined): Cloud66Transport {
  const throttled = new WeakSet<Response>();
  const vendor = defineVendor({
    ...cloud66,
    isThrottled(response: Response, body: unknown): boolean {
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
        const retryable = context.retryable && (context.method === "GET" || slowDown(context.response));
        return given.shouldRetry ? given.shouldRetry({ ...context, retryable }) : retryable;
      },
    },
  };
}
