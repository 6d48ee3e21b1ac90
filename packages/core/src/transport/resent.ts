// Answers to a re-sent request: the attempt before may have been carried out (see `unwrapDeletion`).
const RESENT = new WeakSet<Response>();

/** Marks an answer as the answer to a re-send (a retry or a renewal), not to the first attempt. */
export function markResent(response: Response): void {
  RESENT.add(response);
}

/** Whether this answer came to a re-send, not to the first attempt. */
export function wasResent(response: Response): boolean {
  return RESENT.has(response);
}
