// Answers to a re-sent request after an attempt that may have been carried out (its answer was lost, or
// was a 5xx): see `unwrapDeletion`. A re-send after a 401, a 429 or a throttling answer is not marked,
// since those answers prove the attempt did nothing.
const RESENT = new WeakSet<Response>();

/** Marks an answer as the answer to a re-send after an attempt that may have been carried out. */
export function markResent(response: Response): void {
  RESENT.add(response);
}

/** Whether this answer came to a re-send after an attempt that may have been carried out. */
export function wasResent(response: Response): boolean {
  return RESENT.has(response);
}
