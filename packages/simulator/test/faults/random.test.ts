import { describe, expect, it } from "vitest";
import { DEFAULT_TOKEN, type RandomFaultOptions, type Simulator } from "../../src/index.ts";
import { digitalOceanApi, start } from "../helpers.ts";

/** The statuses of `n` list requests, over real HTTP. */
async function statuses(sim: Simulator, clusterId: string, n: number): Promise<number[]> {
  const api = digitalOceanApi(sim);
  const seen: number[] = [];
  for (let i = 0; i < n; i++) {
    const response = await fetch(`${sim.urls.digitalocean}${api.users(clusterId)}`, {
      headers: { authorization: `Bearer ${DEFAULT_TOKEN}` },
    });
    await response.text();
    seen.push(response.status);
  }
  return seen;
}

const mix: RandomFaultOptions["faults"] = [
  { status: 503 },
  { html: 502 },
  { status: 429, retryAfterSeconds: 2 },
];

describe("seeded random faults: sim.failRandomly", () => {
  it("injects the same faults on the same requests for the same seed", async () => {
    const sim = await start({ rateLimit: { limit: 10_000, burstLimit: 10_000 } });
    const { id } = sim.digitalocean.addCluster({ engine: "pg" });
    sim.failRandomly({ seed: 42, rate: 0.5, faults: mix });
    const first = await statuses(sim, id, 40);
    sim.failRandomly({ seed: 42, rate: 0.5, faults: mix });
    const again = await statuses(sim, id, 40);
    expect(again).toEqual(first);
    expect(new Set(first)).toEqual(new Set([200, 503, 502, 429]));

    sim.failRandomly({ seed: 7, rate: 0.5, faults: mix });
    expect(await statuses(sim, id, 40)).not.toEqual(first);
  });

  it("faults about `rate` of the matching requests: none at 0, all at 1", async () => {
    const sim = await start({ rateLimit: { limit: 10_000, burstLimit: 10_000 } });
    const { id } = sim.digitalocean.addCluster({ engine: "pg" });
    const faulted = async (rate: number, n: number) => {
      sim.failRandomly({ seed: 1, rate, faults: [{ status: 500 }] });
      return (await statuses(sim, id, n)).filter((status) => status === 500).length;
    };
    expect(await faulted(0, 20)).toBe(0);
    expect(await faulted(1, 20)).toBe(20);
    const quarter = await faulted(0.25, 200);
    expect(quarter).toBeGreaterThanOrEqual(30);
    expect(quarter).toBeLessThanOrEqual(70);
  });

  it("applies only to the given vendor and operation, after scripted faults, until clearFaults()", async () => {
    const sim = await start();
    const api = digitalOceanApi(sim);
    const { id } = sim.digitalocean.addCluster({ engine: "pg" });
    sim.failRandomly({
      seed: 3,
      rate: 1,
      faults: [{ status: 503 }],
      vendor: "digitalocean",
      operationId: "databases_get_user",
    });
    expect((await api.list(id)).status).toBe(200);
    expect((await api.get(id, "doadmin")).status).toBe(503);
    sim.failNext({ status: 500 });
    expect((await api.get(id, "doadmin")).status).toBe(500);
    sim.clearFaults();
    expect((await api.get(id, "doadmin")).status).toBe(200);

    sim.failRandomly({ seed: 3, rate: 1, faults: [{ status: 503 }], vendor: "elsewhere" });
    expect((await api.list(id)).status).toBe(200);
    sim.failRandomly({ seed: 3, rate: 1, faults: [{ status: 503 }] });
    sim.reset();
    const { id: again } = sim.digitalocean.addCluster({ engine: "pg" });
    expect((await api.list(again)).status).toBe(200);
  });

  it("breaks handled requests too: a random truncation still applies the change", async () => {
    const sim = await start();
    const api = digitalOceanApi(sim);
    const { id } = sim.digitalocean.addCluster({ engine: "pg" });
    sim.failRandomly({ seed: 9, rate: 1, faults: [{ truncate: true }], operationId: "databases_add_user" });
    await expect(api.add(id, { name: "app-01" })).rejects.toThrow(SyntaxError);
    expect(sim.digitalocean.getUser(id, "app-01")).toBeDefined();
  });

  it("refuses a rate outside 0..1, a fractional seed, no faults, or a meaningless fault", async () => {
    const sim = await start();
    expect(() => sim.failRandomly({ seed: 1, rate: 1.5, faults: mix })).toThrow(TypeError);
    expect(() => sim.failRandomly({ seed: 1.5, rate: 0.5, faults: mix })).toThrow(TypeError);
    expect(() => sim.failRandomly({ seed: 1, rate: 0.5, faults: [] })).toThrow(TypeError);
    expect(() => sim.failRandomly({ seed: 1, rate: 0.5, faults: [{}] })).toThrow(TypeError);
  });
});
