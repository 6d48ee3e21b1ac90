import { isThrottled } from "../error-from-response.ts";
import type { VendorDescriptor } from "../vendor.ts";

// Answers to a re-sent request after an attempt that may have been carried out (its answer was lost, or
// was a 5xx): see `unwrapDeletion`. A re-send after a 401, a 429 or a throttling answer is not marked,
// since those answers prove the attempt did nothing.
const RESENT = new WeakSet<Response>();

/** Whether an attempt's outcome proves the vendor did nothing: a 429, or its own throttling answer. */
export function provesNothingDone(
  vendor: VendorDescriptor,
  response: Response | undefined,
  body: unknown,
): boolean {
  return response !== undefined && (response.status === 429 || isThrottled(vendor, response, body));
}

/** Marks an answer as the answer to a re-send after an attempt that may have been carried out. */
export function markResent(response: Response): void {
  RESENT.add(response);
}

/** Whether this answer came to a re-send after an attempt that may have been carried out. */
export function wasResent(response: Response): boolean {
  return RESENT.has(response);
}
