// Per-call cost of each layer against bare fetch, on one loopback server in one run: bare fetch, bare
// openapi-fetch, the raw DigitalOcean client (core's transport) and the adapter's list() (transport,
// response checks, mapping). The ratios are what to read; absolute times depend on the machine.
import {
  createDigitalOceanClient,
  createDigitalOceanUsers,
  type DigitalOceanPaths,
} from "@dbusers/client-digitalocean";
import { createDatabaseUsers } from "@dbusers/sdk";
import createClient from "openapi-fetch";
import { Bench } from "tinybench";
import { startLoopbackServer } from "./loopback-server.ts";
import { median } from "./stats.ts";

const CLUSTER = "9cc10173-e9ea-4176-9dbc-a4cee4c4ff30";
const USERS = "/v2/databases/{database_cluster_uuid}/users";
const TOKEN = "dop_v1_bench";

export interface PerCallFigures {
  /** Median per-call time of each contender, in microseconds. */
  medianUs: Record<string, number>;
  openapiFetchOverheadRatio: number;
  rawClientOverheadRatio: number;
  adapterOverheadRatio: number;
  facadeOverheadRatio: number;
}

export interface PerCallOptions {
  /** Measuring time per contender and round, in ms. */
  timeMs: number;
  /** Rounds; each runs every contender once, starting with another one each time, so drift hits all alike. */
  rounds: number;
}

export async function measurePerCall({ timeMs, rounds }: PerCallOptions): Promise<PerCallFigures> {
  const server = await startLoopbackServer();
  try {
    const path = `${server.url}/v2/databases/${CLUSTER}/users`;
    const headers = { authorization: `Bearer ${TOKEN}`, accept: "application/json" };
    const bare = createClient<DigitalOceanPaths>({ baseUrl: server.url, headers });
    // The loopback server has no rate limit: the throttle's bookkeeping is measured, not DigitalOcean's
    // 250-a-minute window, which would make every contender but fetch wait.
    const common = { token: TOKEN, baseUrl: server.url, throttle: { windows: [] } };
    const raw = createDigitalOceanClient(common);
    const users = createDigitalOceanUsers({ ...common, clusterId: CLUSTER });
    const facade = createDatabaseUsers({ ...common, provider: "digitalocean", clusterId: CLUSTER });
    const params = { path: { database_cluster_uuid: CLUSTER } };

    const contenders: Record<string, () => Promise<unknown>> = {
      fetch: async () => (await fetch(path, { headers })).json(),
      "openapi-fetch": () => bare.GET(USERS, { params }),
      "raw client": () => raw.GET(USERS, { params }),
      "adapter list()": () => users.list(),
      "facade list()": () => facade.list(),
    };
    const samples: Record<string, number[]> = Object.fromEntries(Object.keys(contenders).map((n) => [n, []]));
    const entries = Object.entries(contenders);
    for (let round = 0; round < rounds; round++) {
      const bench = new Bench({ time: timeMs, warmup: true, warmupTime: Math.min(timeMs, 100) });
      // Each round starts with another contender, so that drift (JIT, GC, the server's sockets) does
      // not always favour the same one.
      for (let i = 0; i < entries.length; i++) {
        const [name, run] = entries[(round + i) % entries.length] as [string, () => Promise<unknown>];
        bench.add(name, run);
      }
      await bench.run();
      for (const task of bench.tasks) {
        const result = task.result;
        if (result && "latency" in result) samples[task.name]?.push(result.latency.p50);
      }
    }
    const medianUs = Object.fromEntries(
      Object.entries(samples).map(([name, values]) => [name, round1(median(values) * 1000)]),
    );
    const base = medianUs.fetch ?? Number.NaN;
    return {
      medianUs,
      openapiFetchOverheadRatio: ratio(medianUs["openapi-fetch"], base),
      rawClientOverheadRatio: ratio(medianUs["raw client"], base),
      adapterOverheadRatio: ratio(medianUs["adapter list()"], base),
      facadeOverheadRatio: ratio(medianUs["facade list()"], base),
    };
  } finally {
    await server.close();
  }
}

function ratio(value: number | undefined, base: number): number {
  return Math.round(((value ?? Number.NaN) / base) * 100) / 100;
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}
