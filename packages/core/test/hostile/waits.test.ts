import { afterEach, describe, expect, it, vi } from "vitest";
import { createApiClient, sleep } from "../../src/adapter.ts";
import { RateLimitError } from "../../src/index.ts";
import { MAX_TIMER_MS } from "../../src/sleep.ts";
import { type paths, testVendor } from "../helpers/client.ts";
import { useLoopback } from "./loopback.ts";

// One answer must not stall a client: a reset announced far ahead, a Retry-After of years, a window
// that reopens after the call's deadline. Each wait is bounded by the deadline and clamped; garbage
// counts as absent; no timer is handed more than Node's ceiling.

const api = useLoopback();

const client = () =>
  createApiClient<paths>(testVendor, {
    baseUrl: api.current.origin,
    token: () => "token-abcdef",
    retry: { baseDelayMs: 1, maxDelayMs: 1 },
  });

const users = (headers: Record<string, string>, status = 200) =>
  api.current.answer((_request, response) => {
    response.writeHead(status, { "content-type": "application/json", ...headers });
    response.end(JSON.stringify(status === 200 ? { users: [] } : { id: "rate", message: "slow down" }));
  });

const epochSeconds = (fromNowMs: number) => String(Math.floor((Date.now() + fromNowMs) / 1000));

describe("server-announced waits", () => {
  it("a window spent until two hours from now fails the next call at once with a RateLimitError", async () => {
    users({
      "ratelimit-remaining": "0",
      "ratelimit-limit": "5000",
      "ratelimit-reset": epochSeconds(7_200_000),
    });
    const users1 = client();
    await users1.GET("/users");
    const error = await users1.GET("/users").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    // Clamped to the longest window a vendor documents (an hour), and not sent.
    expect((error as RateLimitError).retryAfterMs).toBeLessThanOrEqual(3_600_000);
    expect((error as RateLimitError).retryAfterMs).toBeGreaterThan(3_500_000);
    expect(api.current.received).toHaveLength(1);
  });

  it("a window that reopens after the call's own deadline is not waited for", async () => {
    users({ "ratelimit-remaining": "0", "ratelimit-reset": "5" });
    const users1 = client();
    await users1.GET("/users");
    await expect(users1.GET("/users", { deadlineMs: 1_000 } as never)).rejects.toThrow(RateLimitError);
    expect(api.current.received).toHaveLength(1);
  });

  it("a reset in the year 3000 counts as absent: the next call is sent", async () => {
    users({ "ratelimit-remaining": "0", "ratelimit-reset": String(32_503_680_000) });
    const users1 = client();
    await users1.GET("/users");
    await users1.GET("/users");
    expect(api.current.received).toHaveLength(2);
  });

  it("a 429 whose reset is 30 days away (past Node's timer ceiling) is retried by backoff, without a TimeoutOverflowWarning", async () => {
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on("warning", onWarning);
    try {
      const reset = new Date(Date.now() + 30 * 86_400_000).toISOString();
      users({ "x-ratelimit-remaining": "0", "x-ratelimit-limit": "10", "x-ratelimit-reset": reset }, 429);
      const result = await client().GET("/users");
      expect(result.response.status).toBe(429);
      // Three attempts (two retries), each after the policy's own 1 ms backoff.
      expect(api.current.received).toHaveLength(3);
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings.filter((warning) => warning.name === "TimeoutOverflowWarning")).toEqual([]);
    } finally {
      process.off("warning", onWarning);
    }
  });

  it("a Retry-After of ten years is no hint: backoff applies", async () => {
    users({ "retry-after": String(10 * 365 * 86_400) }, 503);
    const result = await client().GET("/users");
    expect(result.response.status).toBe(503);
    expect(api.current.received).toHaveLength(3);
  });
});

describe("timers past Node's ceiling", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("sleep waits the whole of a delay longer than 2^31 - 1 ms", async () => {
    vi.useFakeTimers();
    let done = false;
    void sleep(MAX_TIMER_MS + 10_000).then(() => {
      done = true;
    });
    await vi.advanceTimersByTimeAsync(MAX_TIMER_MS);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(done).toBe(true);
  });
});
