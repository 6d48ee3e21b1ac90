/** What `shouldRetry` is told about an attempt that did not succeed. */
export interface RetryContext {
  /** 0 when deciding about the first retry. */
  attempt: number;
  method: string;
  url: string;
  /** The vendor's answer, when there was one. */
  response?: Response;
  /** Why no answer came (connection failure, attempt timeout). */
  error?: unknown;
  /** Whether the answer was a throttling one: a 429, or the vendor's own (Cloud 66's `503 throttled`). */
  throttled: boolean;
  /** Whether the attempt is proven never to have reached the vendor (refused, no such host). */
  notSent: boolean;
  /** What the built-in rules (and the vendor's `retryable` hook) decided; return it to keep them. */
  retryable: boolean;
}
