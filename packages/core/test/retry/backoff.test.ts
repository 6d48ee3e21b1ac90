import { describe, expect, it } from "vitest";
import { backoffDelay, defineVendor } from "../../src/adapter.ts";
import { resolveRetryPolicy, retryDelay } from "../../src/retry-policy.ts";

const vendor = defineVendor({ provider: "testvendor" });

describe("backoffDelay (full jitter)", () => {
  it("is 0 when random gives 0", () => {
    expect(backoffDelay(0, 500, 8_000, () => 0)).toBe(0);
    expect(backoffDelay(5, 500, 8_000, () => 0)).toBe(0);
  });

  it("approaches base·2^attempt when random approaches 1", () => {
    const almostOne = () => 1 - Number.EPSILON;
    expect(backoffDelay(0, 500, 8_000, almostOne)).toBeCloseTo(500, 6);
    expect(backoffDelay(1, 500, 8_000, almostOne)).toBeCloseTo(1_000, 6);
    expect(backoffDelay(3, 500, 8_000, almostOne)).toBeCloseTo(4_000, 6);
    expect(backoffDelay(3, 500, 8_000, almostOne)).toBeLessThan(4_000);
  });

  it("never exceeds maxDelayMs", () => {
    expect(backoffDelay(10, 500, 8_000, () => 0.999_999)).toBeLessThan(8_000);
    expect(backoffDelay(10, 500, 8_000, () => 0.5)).toBe(4_000);
  });

  it("stays within [0, window) with the real random source", () => {
    for (let i = 0; i < 200; i++) {
      const delay = backoffDelay(2, 100, 8_000);
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThan(400);
    }
  });
});

describe("retry policy defaults", () => {
  it("uses 2 retries, 500 ms base, 8 s cap and a 60 s retry-after cap", () => {
    expect(resolveRetryPolicy(undefined)).toEqual({
      maxRetries: 2,
      baseDelayMs: 500,
      maxDelayMs: 8_000,
      maxRetryAfterMs: 60_000,
    });
  });

  it("turns retry: false into a zero budget", () => {
    expect(resolveRetryPolicy(false).maxRetries).toBe(0);
  });

  it("keeps given values", () => {
    const shouldRetry = () => true;
    expect(resolveRetryPolicy({ maxRetries: 5, baseDelayMs: 1, shouldRetry })).toMatchObject({
      maxRetries: 5,
      baseDelayMs: 1,
      maxDelayMs: 8_000,
      shouldRetry,
    });
  });

  it("takes the backoff window from the attempt number", async () => {
    const policy = resolveRetryPolicy(undefined);
    const response = new Response(null, { status: 503 });
    const delay = (attempt: number) =>
      retryDelay({
        attempt,
        method: "GET",
        url: "https://x.test/",
        response,
        policy,
        vendor,
        random: () => 0.5,
      });
    expect(await delay(0)).toBe(250);
    expect(await delay(1)).toBe(500);
    expect(await delay(2)).toBeUndefined();
  });

  it("accepts a retry-after exactly at the cap and refuses one just above it", async () => {
    const policy = resolveRetryPolicy({ maxRetryAfterMs: 5_000 });
    const delay = (seconds: string) =>
      retryDelay({
        attempt: 0,
        method: "GET",
        url: "https://x.test/",
        response: new Response(null, { status: 429, headers: { "retry-after": seconds } }),
        policy,
        vendor,
      });
    expect(await delay("5")).toBe(5_000);
    expect(await delay("6")).toBeUndefined();
  });

  it("never retries a successful answer", async () => {
    const policy = resolveRetryPolicy({ shouldRetry: () => true });
    const response = new Response(null, { status: 200 });
    expect(
      await retryDelay({ attempt: 0, method: "GET", url: "https://x.test/", response, policy, vendor }),
    ).toBeUndefined();
  });
});
