// What proving a name free costs a create (issue: every mutation ends with a known outcome). A create
// looks the name up before it sends, so that a taken name is refused with nothing sent and a user found
// after a lost answer is known to be this call's. This counts the requests each create sends, per vendor
// through the facade, and times the create against the lookup alone (the proof), in the same run, on the
// simulator with the same latency added to every request, as a network would.

import { createDatabaseUsers } from "@dbusers/sdk";
import { startSimulator } from "@dbusers/simulator";
import type { ConformanceFixture } from "@dbusers/testing";
import {
  cloud66Fixture,
  digitalOceanFixture,
  hostUpFixture,
  recordingFetch,
  scalingoFixture,
} from "@dbusers/testing";
import { median } from "./stats.ts";

export interface CreateCostOptions {
  /** Creates timed per vendor. */
  creates: number;
  /** Latency added to every request, in ms. */
  latencyMs: number;
  /** Users already in the Cloud66 server group, whose pages the proof walks (30 a page). */
  cloud66Users: number;
}

export interface CreateCost {
  /** Requests one create sent, median (the lookup, the create, an async vendor's polls). */
  requestsPerCreate: number;
  /** Of those, the proof's: the lookup before the create. */
  proofRequests: number;
  createMs: number;
  proofMs: number;
  /** proofMs / createMs: the share of a create's time that the proof takes. */
  proofShare: number;
}

const facade = (provider: string) => (options: object) =>
  createDatabaseUsers({ provider, ...options } as Parameters<typeof createDatabaseUsers>[0]);

function fixtures(): ConformanceFixture[] {
  return [
    digitalOceanFixture({ engine: "pg", name: "digitalocean", create: facade("digitalocean") }),
    scalingoFixture({
      routing: "db-api",
      engine: "postgresql",
      name: "scalingo",
      create: facade("scalingo"),
    }),
    cloud66Fixture({ name: "cloud66", create: facade("cloud66") }),
    hostUpFixture({ name: "hostup", create: facade("hostup") }),
  ];
}

export async function measureCreateCost(options: CreateCostOptions): Promise<Record<string, CreateCost>> {
  const results: Record<string, CreateCost> = {};
  for (const fixture of fixtures()) {
    // Only the latency is measured: the vendors' quotas would throttle the repeated creates.
    const sim = await startSimulator({
      logger: false,
      rateLimit: { limit: 1_000_000, windowMs: 3_600_000 },
      ...fixture.simulator,
    });
    try {
      const scope = await fixture.scope(sim);
      if (fixture.vendor === "cloud66") {
        scope.seedUsers(Array.from({ length: options.cloud66Users }, (_, i) => `existing_${i + 1}`));
      }
      const recorder = recordingFetch();
      const users = scope.users({ fetch: recorder.fetch, throttle: { windows: [] } });
      await users.list(); // credentials and the simulator's validators warm
      sim.failNext({ vendor: fixture.vendor, delayMs: options.latencyMs, count: 1_000_000 });
      const requests: number[] = [];
      const proofRequests: number[] = [];
      const createMs: number[] = [];
      const proofMs: number[] = [];
      for (let i = 0; i < options.creates; i++) {
        const absent = scope.newName();
        let sentBefore = recorder.requests.length;
        let started = performance.now();
        await users.get(absent).catch(() => undefined);
        proofMs.push(performance.now() - started);
        proofRequests.push(recorder.requests.length - sentBefore);

        sentBefore = recorder.requests.length;
        started = performance.now();
        await users.create({ name: scope.newName() });
        createMs.push(performance.now() - started);
        requests.push(recorder.requests.length - sentBefore);
      }
      const create = median(createMs);
      const proof = median(proofMs);
      results[fixture.name] = {
        requestsPerCreate: median(requests),
        proofRequests: median(proofRequests),
        createMs: round(create),
        proofMs: round(proof),
        proofShare: round(proof / create),
      };
    } finally {
      sim.clearFaults();
      await sim.close();
    }
  }
  return results;
}

const round = (value: number): number => Math.round(value * 100) / 100;
