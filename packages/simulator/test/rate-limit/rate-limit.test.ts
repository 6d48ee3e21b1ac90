import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { digitalOceanApi, start } from "../helpers.ts";

const TOO_MANY = { id: "too_many_requests", message: "API Rate limit exceeded." };

function rateHeaders(headers: Headers): { limit: number; remaining: number; reset: number } {
  return {
    limit: Number(headers.get("ratelimit-limit")),
    remaining: Number(headers.get("ratelimit-remaining")),
    reset: Number(headers.get("ratelimit-reset")),
  };
}

describe("DigitalOcean rate limit", () => {
  it("sends ratelimit-* headers on every response (success, error, 204), counting down from 5000/hour", async () => {
    const sim = await start();
    const api = digitalOceanApi(sim);
    const { id } = sim.digitalocean.addCluster({ engine: "pg", users: [{ name: "gone" }] });
    const before = Math.floor(Date.now() / 1000);
    const answers = [
      await api.list(id),
      await api.get(id, "nobody"),
      await api.remove(id, "gone"),
      await api.add(id, { name: "" }),
    ];
    expect(answers.map((a) => a.status)).toEqual([200, 404, 204, 400]);
    answers.forEach((answer, i) => {
      const { limit, remaining, reset } = rateHeaders(answer.headers);
      expect(limit).toBe(5000);
      expect(remaining).toBe(4999 - i);
      // the oldest request of the sliding hour expires one hour after it was made
      expect(reset).toBeGreaterThanOrEqual(before + 3600);
      expect(reset).toBeLessThanOrEqual(before + 3602);
    });
  });

  it("answers 429 too_many_requests once the hourly limit is used up, with ratelimit-reset and no retry-after", async () => {
    const sim = await start({ rateLimit: { limit: 3 } });
    const api = digitalOceanApi(sim);
    const { id } = sim.digitalocean.addCluster({ engine: "pg" });
    const first = await api.list(id);
    await api.list(id);
    const third = await api.list(id);
    expect(rateHeaders(third.headers).remaining).toBe(0);
    const refused = await api.add(id, { name: "late" });
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject(TOO_MANY);
    expect(rateHeaders(refused.headers)).toEqual({
      limit: 3,
      remaining: 0,
      reset: rateHeaders(first.headers).reset,
    });
    expect(refused.headers.get("retry-after")).toBeNull();
    expect(sim.digitalocean.getUser(id, "late")).toBeUndefined();
    expect(sim.violations).toEqual([]);
  });

  it("answers 429 with retry-after (seconds) when the burst limit is hit", async () => {
    const sim = await start({ rateLimit: { burstLimit: 2, burstWindowMs: 30_000 } });
    const api = digitalOceanApi(sim);
    const { id } = sim.digitalocean.addCluster({ engine: "pg" });
    await api.list(id);
    await api.list(id);
    const refused = await api.list(id);
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject(TOO_MANY);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(29);
    expect(Number(refused.headers.get("retry-after"))).toBeLessThanOrEqual(30);
    expect(rateHeaders(refused.headers).remaining).toBe(4998);
  });

  it("uses a sliding window: each request frees its slot windowMs after it was made", async () => {
    const sim = await start({ rateLimit: { limit: 2, windowMs: 600 } });
    const api = digitalOceanApi(sim);
    const { id } = sim.digitalocean.addCluster({ engine: "pg" });
    expect((await api.list(id)).status).toBe(200);
    await sleep(300);
    expect((await api.list(id)).status).toBe(200);
    expect((await api.list(id)).status).toBe(429); // refused requests are not counted
    await sleep(350); // the first request has expired, the second has not
    const freed = await api.list(id);
    expect(freed.status).toBe(200);
    expect(rateHeaders(freed.headers).remaining).toBe(0);
    expect((await api.list(id)).status).toBe(429);
  });

  it("counts each token separately, and reset() clears the windows", async () => {
    const sim = await start({ rateLimit: { limit: 1 }, tokens: { other: ["*"] } });
    const { id } = sim.digitalocean.addCluster({ engine: "pg" });
    const api = digitalOceanApi(sim);
    expect((await api.list(id)).status).toBe(200);
    expect((await api.list(id)).status).toBe(429);
    expect((await digitalOceanApi(sim, "other").list(id)).status).toBe(200);
    sim.reset();
    const { id: again } = sim.digitalocean.addCluster({ engine: "pg" });
    expect((await api.list(again)).status).toBe(200);
  });
});
