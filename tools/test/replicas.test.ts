// The replicas table's claim, small: four processes sharing one vendor account through Redis get no
// throttling answer from the vendor, and lose or duplicate no user. Counts only: no clock is asserted.
import { describe, expect, it } from "vitest";
import { redisUrl } from "../redis/redis-url.ts";
import { runVendor } from "../replicas/run-vendor.ts";

describe("replicas sharing one Redis", () => {
  it("4 replicas × 50 operations on Scalingo (60 requests a window: the limit binds): 0 throttled answers, no user lost, duplicated or left over", async () => {
    const row = await runVendor({ provider: "scalingo", replicas: 4, operations: 50, redisUrl: redisUrl() });
    expect(row.failures).toEqual([]);
    expect(row).toMatchObject({ throttled: 0, lost: 0, duplicated: 0, leftover: 0, failed: 0, warnings: 0 });
    // Every operation was carried out: 4 × 50 operations, at least one request each.
    expect(row.requests).toBeGreaterThanOrEqual(200);
  });
});
