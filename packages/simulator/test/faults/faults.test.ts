import { describe, expect, it } from "vitest";
import { digitalOceanApi, start, UUID } from "../helpers.ts";

describe("scripted faults: sim.failNext", () => {
  it("answers the next request with a 500 or 503 in DigitalOcean's format, without handling it", async () => {
    const sim = await start();
    const api = digitalOceanApi(sim);
    const { id } = sim.digitalocean.addCluster({ engine: "pg" });
    sim.failNext({ status: 503 });
    const unavailable = await api.add(id, { name: "app-01" });
    expect(unavailable.status).toBe(503);
    expect(unavailable.body).toMatchObject({ id: "service_unavailable", message: expect.any(String) });
    expect(unavailable.headers.get("ratelimit-remaining")).toBe("4999");
    expect(sim.digitalocean.getUser(id, "app-01")).toBeUndefined();

    sim.failNext({ status: 500 });
    expect((await api.list(id)).body).toMatchObject({ id: "server_error" });
    expect((await api.list(id)).status).toBe(200); // one fault only
    expect(sim.violations).toEqual([]);
  });

  it("answers a scripted 429 with retry-after", async () => {
    const sim = await start();
    const api = digitalOceanApi(sim);
    const { id } = sim.digitalocean.addCluster({ engine: "pg" });
    sim.failNext({ status: 429, retryAfterSeconds: 7 });
    const throttled = await api.list(id);
    expect(throttled.status).toBe(429);
    expect(throttled.body).toMatchObject({ id: "too_many_requests", message: "API Rate limit exceeded." });
    expect(throttled.headers.get("retry-after")).toBe("7");
  });

  it("applies count, and matches on operationId", async () => {
    const sim = await start();
    const api = digitalOceanApi(sim);
    const { id } = sim.digitalocean.addCluster({ engine: "pg" });
    sim.failNext({ status: 503, count: 2, operationId: "databases_add_user" });
    expect((await api.list(id)).status).toBe(200);
    expect((await api.add(id, { name: "a" })).status).toBe(503);
    expect((await api.get(id, "doadmin")).status).toBe(200);
    expect((await api.add(id, { name: "a" })).status).toBe(503);
    expect((await api.add(id, { name: "a" })).status).toBe(201);
  });

  it("drops the connection before handling: no response and no state change", async () => {
    const sim = await start();
    const api = digitalOceanApi(sim);
    const { id } = sim.digitalocean.addCluster({ engine: "pg" });
    sim.failNext({ drop: "before-handling" });
    await expect(api.add(id, { name: "app-01" })).rejects.toThrow(TypeError);
    expect(sim.digitalocean.getUser(id, "app-01")).toBeUndefined();
  });

  it("drops the connection after handling: the user exists although the client got no answer", async () => {
    const sim = await start();
    const api = digitalOceanApi(sim);
    const { id } = sim.digitalocean.addCluster({ engine: "pg" });
    sim.failNext({ drop: "after-handling", operationId: "databases_add_user" });
    await expect(api.add(id, { name: "app-01" })).rejects.toThrow(TypeError);
    // The ambiguous create: a client reconciles by looking the user up, not by re-sending.
    const lookedUp = await api.get(id, "app-01");
    expect(lookedUp.status).toBe(200);
    expect(lookedUp.body.user.name).toBe("app-01");
    expect((await api.add(id, { name: "app-01" })).status).toBe(422);
  });

  it("delays a response (e.g. to trigger a client timeout)", async () => {
    const sim = await start();
    const api = digitalOceanApi(sim);
    const { id } = sim.digitalocean.addCluster({ engine: "pg" });
    sim.failNext({ delayMs: 2000 });
    await expect(api.list(id, { signal: AbortSignal.timeout(100) })).rejects.toThrow(/timeout|abort/i);
    sim.failNext({ delayMs: 150 });
    const started = Date.now();
    expect((await api.list(id)).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it("rejects a meaningless fault, and clearFaults()/reset() forget pending ones", async () => {
    const sim = await start();
    const api = digitalOceanApi(sim);
    const { id } = sim.digitalocean.addCluster({ engine: "pg" });
    expect(() => sim.failNext({})).toThrow(TypeError);
    expect(() => sim.failNext({ status: 200 })).toThrow(TypeError);
    expect(() => sim.failNext({ status: 500, drop: "after-handling" })).toThrow(TypeError);
    sim.failNext({ status: 500 });
    sim.clearFaults();
    expect((await api.list(id)).status).toBe(200);
    sim.failNext({ status: 500 });
    sim.reset();
    const { id: again } = sim.digitalocean.addCluster({ engine: "pg" });
    expect((await api.list(again)).status).toBe(200);
  });

  it("sends a fresh x-request-id (UUID) on every response, echoed in error bodies", async () => {
    const sim = await start();
    const api = digitalOceanApi(sim);
    const { id } = sim.digitalocean.addCluster({ engine: "pg" });
    sim.failNext({ status: 500 });
    const answers = [await api.list(id), await api.list(id), await api.get(id, "nobody")];
    const ids = answers.map((a) => a.headers.get("x-request-id"));
    for (const requestId of ids) expect(requestId).toMatch(UUID);
    expect(new Set(ids).size).toBe(3);
    expect(answers[0]?.body.request_id).toBe(ids[0]);
    expect(answers[2]?.body.request_id).toBe(ids[2]);
  });
});
