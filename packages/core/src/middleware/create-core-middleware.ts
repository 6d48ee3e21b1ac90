import type { Middleware } from "openapi-fetch";
import { type RetryOptions, resolveRetryPolicy, type ThrottleCheck } from "../retry-policy.ts";
import type { Logger } from "../types.ts";
import type { AttemptHook } from "./attempt.ts";
import { type HeadersMiddlewareOptions, headersMiddleware } from "./headers.ts";
import { loggingHook } from "./logging.ts";
import { retryMiddleware } from "./retry.ts";
import { timeoutHook } from "./timeout.ts";

export interface CoreMiddlewareOptions extends HeadersMiddlewareOptions {
  /** Budget for each attempt, response body included. Default 30 000 ms. */
  timeoutMs?: number;
  /** Retry tuning, or `false` for a single attempt. */
  retry?: RetryOptions | false;
  /** Vendor-specific throttling answers that are not 429 (Cloud66: `503` with a `throttled` body). */
  isThrottled?: ThrottleCheck;
  logger?: Logger;
  /** Sends re-sends; defaults to the fetch the openapi-fetch client was created with. */
  fetch?: typeof fetch;
  /** Source of jitter, in [0, 1). Only tests need to replace it. */
  random?: () => number;
}

/**
 * The middleware every vendor client installs, in order: credentials and identification headers
 * first, so that the copy the retry middleware takes for re-sends already carries them; then the
 * retry middleware, which runs logging and the per-attempt timeout around every attempt.
 */
export function createCoreMiddleware(options: CoreMiddlewareOptions): Middleware[] {
  const { provider } = options;
  const hooks: AttemptHook[] = [];
  // Logging goes first so that its duration covers the timeout hook's reading of the body.
  if (options.logger?.debug) {
    hooks.push(loggingHook(provider, options.logger));
  }
  hooks.push(timeoutHook(provider, options.timeoutMs ?? 30_000));
  return [
    headersMiddleware(options),
    retryMiddleware({
      provider,
      policy: resolveRetryPolicy(options.retry),
      hooks,
      isThrottled: options.isThrottled,
      fetch: options.fetch,
      random: options.random,
    }),
  ];
}
