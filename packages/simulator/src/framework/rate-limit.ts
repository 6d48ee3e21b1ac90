import type { RateLimitConfig, RateLimitStatus } from "./types.ts";

/**
 * Sliding-window rate limiter: every accepted request has its own timer of `windowMs` (DigitalOcean's
 * model), so the window frees one slot at a time. Refused requests are not counted.
 */
export class SlidingWindowRateLimiter {
  readonly config: RateLimitConfig;
  readonly #now: () => number;
  /** Accepted request timestamps per key, oldest first. */
  readonly #requests = new Map<string, number[]>();

  constructor(config: RateLimitConfig, now: () => number = Date.now) {
    this.config = config;
    this.#now = now;
  }

  /** Counts one request for `key` unless a window is full; reports the state either way. */
  hit(key: string): RateLimitStatus {
    const now = this.#now();
    const { limit, windowMs, burstLimit, burstWindowMs } = this.config;
    const horizon = Math.max(windowMs, burstWindowMs ?? 0);
    const times = (this.#requests.get(key) ?? []).filter((t) => t > now - horizon);
    const inWindow = times.filter((t) => t > now - windowMs);
    let exceeded: RateLimitStatus["exceeded"];
    let retryAfterMs: number | undefined;
    if (inWindow.length >= limit) {
      exceeded = "limit";
      retryAfterMs = (inWindow[0] ?? now) + windowMs - now;
    } else if (burstLimit !== undefined && burstWindowMs !== undefined) {
      const inBurst = times.filter((t) => t > now - burstWindowMs);
      if (inBurst.length >= burstLimit) {
        exceeded = "burst";
        retryAfterMs = (inBurst[0] ?? now) + burstWindowMs - now;
      }
    }
    if (!exceeded) {
      times.push(now);
      inWindow.push(now);
    }
    this.#requests.set(key, times);
    return {
      limit,
      remaining: Math.max(0, limit - inWindow.length),
      resetAtMs: (inWindow[0] ?? now) + windowMs,
      exceeded,
      retryAfterMs,
    };
  }

  reset(): void {
    this.#requests.clear();
  }
}
