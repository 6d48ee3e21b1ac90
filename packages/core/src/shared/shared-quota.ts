import type { RateWindow } from "../transport/throttle.ts";

/** What a shared quota answers: a place taken (release it once answered) or how long until one frees. */
export type QuotaAnswer = { granted: true; release: () => void } | { granted: false; retryInMs: number };

/**
 * Counts the requests of every process that uses one vendor account in the same windows (e.g. on
 * Redis), so that N replicas keep to the vendor's limit together instead of N times over. The client
 * still keeps its own throttle: its concurrency bound, the vendor's rate-limit headers, its own windows.
 */
export interface SharedQuota {
  /**
   * Takes, atomically for every process, a place for one request in each of `windows` of `key` (the
   * vendor account), or tells how long until every window has one. A place is held from now until
   * `windowMs` after `release()`, or after `holdMs` at most if it is never released (a process killed).
   * Rejects when the store cannot answer; the client then throttles locally (and bounds the wait).
   */
  take(key: string, windows: readonly RateWindow[], holdMs: number): Promise<QuotaAnswer>;
  /** What it shares one outage with (its connection): one warning for the quota and the lock. */
  readonly store: object;
}

/** The client option: a shared quota, and optionally the account's name in it. */
export interface SharedQuotaOptions {
  quota: SharedQuota;
  /**
   * Names the vendor account the quota is counted for (with the provider). Default: a SHA-256 digest of
   * the credential each request carries, so that clients with the same token share one count.
   */
  key?: string;
  /** How long the store may take to answer before the client goes on alone (one warning). Default 1 000 ms. */
  timeoutMs?: number;
}
