/**
 * "Full jitter" exponential backoff: a uniformly random delay in `[0, min(base * 2^attempt, max))`.
 * Spreading retries over the whole window keeps many clients that failed together from retrying
 * together. `attempt` is 0 before the first retry.
 */
export function backoffDelay(
  attempt: number,
  baseDelayMs: number,
  maxDelayMs: number,
  random: () => number = Math.random,
): number {
  return random() * Math.min(baseDelayMs * 2 ** attempt, maxDelayMs);
}
