import { describe, expect, it } from "vitest";
import { rateLimitWindow, retryAfterMs } from "../../src/adapter.ts";

const NOW = Date.parse("2026-03-01T12:00:00Z");

function withHeaders(headers: Record<string, string>): Response {
  return new Response(null, { status: 429, headers });
}

describe("retryAfterMs", () => {
  it("reads retry-after as delta-seconds", () => {
    expect(retryAfterMs(withHeaders({ "retry-after": "7" }), NOW)).toBe(7_000);
    expect(retryAfterMs(withHeaders({ "retry-after": " 0 " }), NOW)).toBe(0);
    expect(retryAfterMs(withHeaders({ "retry-after": "1.5" }), NOW)).toBe(1_500);
  });

  it("reads retry-after as an HTTP-date", () => {
    expect(retryAfterMs(withHeaders({ "retry-after": "Sun, 01 Mar 2026 12:00:30 GMT" }), NOW)).toBe(30_000);
  });

  it("gives 0 for an HTTP-date in the past", () => {
    expect(retryAfterMs(withHeaders({ "retry-after": "Sat, 28 Feb 2026 12:00:00 GMT" }), NOW)).toBe(0);
  });

  it.each([
    "soon",
    "-5",
    "",
    "1e3",
    "Sun, 01 Mar 2026",
    "2026-03-01T12:00:30Z",
    "NaN",
    "Sun, 99 Mar 2026 12:00:30 GMT",
  ])("ignores a malformed retry-after %j", (value) => {
    expect(retryAfterMs(withHeaders({ "retry-after": value }), NOW)).toBeUndefined();
  });

  it("prefers retry-after-ms, which is more precise", () => {
    expect(retryAfterMs(withHeaders({ "retry-after-ms": "1234", "retry-after": "9" }), NOW)).toBe(1_234);
  });

  it("ignores a negative or malformed retry-after-ms and falls through to retry-after", () => {
    expect(retryAfterMs(withHeaders({ "retry-after-ms": "-1", "retry-after": "2" }), NOW)).toBe(2_000);
    expect(retryAfterMs(withHeaders({ "retry-after-ms": "abc" }), NOW)).toBeUndefined();
  });

  it("reads ratelimit-reset as unix epoch seconds when nothing remains (DigitalOcean)", () => {
    const reset = String(NOW / 1000 + 42);
    expect(retryAfterMs(withHeaders({ "ratelimit-remaining": "0", "ratelimit-reset": reset }), NOW)).toBe(
      42_000,
    );
  });

  it("gives 0 for an epoch reset in the past", () => {
    const reset = String(NOW / 1000 - 10);
    expect(retryAfterMs(withHeaders({ "ratelimit-remaining": "0", "ratelimit-reset": reset }), NOW)).toBe(0);
  });

  it("reads a small ratelimit-reset as delta-seconds (IETF draft)", () => {
    expect(retryAfterMs(withHeaders({ "ratelimit-remaining": "0", "ratelimit-reset": "12" }), NOW)).toBe(
      12_000,
    );
  });

  it("reads x-ratelimit-reset as an ISO-8601 timestamp (HostUp)", () => {
    const headers = { "x-ratelimit-remaining": "0", "x-ratelimit-reset": "2026-03-01T12:01:00.000Z" };
    expect(retryAfterMs(withHeaders(headers), NOW)).toBe(60_000);
    const withOffset = { "x-ratelimit-remaining": "0", "x-ratelimit-reset": "2026-03-01T13:00:10+01:00" };
    expect(retryAfterMs(withHeaders(withOffset), NOW)).toBe(10_000);
  });

  it("ignores reset headers while requests remain: the window has not run out", () => {
    const reset = String(NOW / 1000 + 42);
    expect(
      retryAfterMs(withHeaders({ "ratelimit-remaining": "3", "ratelimit-reset": reset }), NOW),
    ).toBeUndefined();
    expect(retryAfterMs(withHeaders({ "ratelimit-reset": reset }), NOW)).toBeUndefined();
  });

  it("ignores malformed reset values", () => {
    expect(
      retryAfterMs(withHeaders({ "ratelimit-remaining": "0", "ratelimit-reset": "-3" }), NOW),
    ).toBeUndefined();
    expect(
      retryAfterMs(withHeaders({ "x-ratelimit-remaining": "0", "x-ratelimit-reset": "tomorrow" }), NOW),
    ).toBeUndefined();
  });

  it("prefers an explicit retry-after over a reset time", () => {
    const headers = {
      "retry-after": "3",
      "ratelimit-remaining": "0",
      "ratelimit-reset": String(NOW / 1000 + 600),
    };
    expect(retryAfterMs(withHeaders(headers), NOW)).toBe(3_000);
  });

  it("falls back to the reset time when retry-after is malformed", () => {
    const headers = {
      "retry-after": "later",
      "ratelimit-remaining": "0",
      "ratelimit-reset": String(NOW / 1000 + 5),
    };
    expect(retryAfterMs(withHeaders(headers), NOW)).toBe(5_000);
  });

  it("gives undefined when there is no hint at all", () => {
    expect(retryAfterMs(withHeaders({}), NOW)).toBeUndefined();
  });

  it("uses the current time by default", () => {
    const inTenSeconds = new Date(Date.now() + 10_000).toUTCString();
    const wait = retryAfterMs(withHeaders({ "retry-after": inTenSeconds })) ?? -1;
    expect(wait).toBeGreaterThan(8_000);
    expect(wait).toBeLessThanOrEqual(10_000);
  });
});

describe("rateLimitWindow", () => {
  const now = Date.parse("2026-03-01T12:00:00Z");
  const window = (entries: Record<string, string>) => rateLimitWindow(new Headers(entries), now);

  it("reads DigitalOcean's epoch seconds, the draft's delta-seconds and HostUp's ISO time", () => {
    expect(window({ "ratelimit-remaining": "4999", "ratelimit-reset": String(now / 1000 + 60) })).toEqual({
      remaining: 4999,
      resetInMs: 60_000,
    });
    expect(window({ "ratelimit-remaining": "3", "ratelimit-reset": "30" })).toEqual({
      remaining: 3,
      resetInMs: 30_000,
    });
    expect(window({ "x-ratelimit-remaining": "0", "x-ratelimit-reset": "2026-03-01T12:00:10Z" })).toEqual({
      remaining: 0,
      resetInMs: 10_000,
    });
  });

  it("reads the window's limit where the vendor names it, and leaves an unreadable one out", () => {
    const reset = { "x-ratelimit-remaining": "0", "x-ratelimit-reset": "2026-03-01T12:00:10Z" };
    expect(window({ ...reset, "x-ratelimit-limit": "120" })).toEqual({
      remaining: 0,
      resetInMs: 10_000,
      limit: 120,
    });
    expect(window({ ...reset, "x-ratelimit-limit": "many" })).toEqual({ remaining: 0, resetInMs: 10_000 });
  });

  it("says nothing when a header is missing or unreadable", () => {
    expect(window({ "ratelimit-remaining": "5" })).toBeUndefined();
    expect(window({ "ratelimit-remaining": "lots", "ratelimit-reset": "30" })).toBeUndefined();
    expect(window({ "ratelimit-remaining": "5", "ratelimit-reset": "soon" })).toBeUndefined();
    expect(window({})).toBeUndefined();
  });
});
