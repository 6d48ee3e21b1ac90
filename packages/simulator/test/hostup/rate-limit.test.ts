import { describe, expect, it } from "vitest";
import { start } from "../helpers.ts";
import { expectProblem, hostupApi } from "./api.ts";

const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

describe("HostUp rate limit", () => {
  it("past the limit: 429 with Retry-After in seconds and X-RateLimit-* with an ISO reset", async () => {
    const sim = await start({ rateLimit: { limit: 2, windowMs: 60_000 } });
    const { id } = sim.hostup.addAccount();
    const api = hostupApi(sim, id);
    const allowed = [await api("GET"), await api("GET")];
    const before = Date.now();
    const refused = await api("GET");
    const after = Date.now();

    // The headers are documented on 429 answers only.
    for (const answer of allowed) {
      expect(answer.status).toBe(200);
      expect([...answer.headers.keys()].filter((name) => /ratelimit|retry-after/.test(name))).toEqual([]);
    }
    expectProblem(refused, 429, "rate_limit_exceeded");
    const retryAfter = Number(refused.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(58);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(refused.headers.get("x-ratelimit-limit")).toBe("2");
    expect(refused.headers.get("x-ratelimit-remaining")).toBe("0");
    const reset = refused.headers.get("x-ratelimit-reset") ?? "";
    expect(reset).toMatch(ISO_8601);
    // When the window frees a slot: a minute after the first request, no later than Retry-After says.
    expect(Date.parse(reset)).toBeGreaterThan(before + 58_000);
    expect(Date.parse(reset)).toBeLessThanOrEqual(after + retryAfter * 1000);
    expect(sim.violations).toEqual([]);
  });

  it("counts each API key on its own", async () => {
    const sim = await start({ rateLimit: { limit: 1, windowMs: 60_000 }, tokens: { other_key: ["*"] } });
    const { id } = sim.hostup.addAccount();
    const api = hostupApi(sim, id);
    expect((await api("GET")).status).toBe(200);
    expect((await api("GET")).status).toBe(429);
    expect((await api("GET", "", { token: "other_key" })).status).toBe(200);
  });

  it("a scripted 429 carries the same headers, Retry-After as asked and the reset that far ahead", async () => {
    const sim = await start();
    const { id } = sim.hostup.addAccount();
    sim.failNext({ vendor: "hostup", status: 429, retryAfterSeconds: 7 });
    const before = Date.now();
    const answer = await hostupApi(sim, id)("GET");
    const after = Date.now();
    expectProblem(answer, 429, "rate_limit_exceeded");
    expect(answer.headers.get("retry-after")).toBe("7");
    expect(answer.headers.get("x-ratelimit-remaining")).toBe("0");
    const reset = Date.parse(answer.headers.get("x-ratelimit-reset") ?? "");
    expect(reset).toBeGreaterThanOrEqual(before + 7_000);
    expect(reset).toBeLessThanOrEqual(after + 7_000);
  });
});
