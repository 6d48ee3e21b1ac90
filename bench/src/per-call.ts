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
  /** The adapter's and the facade's list() over bare openapi-fetch (the goals: at most 1.10 and 1.05). */
  adapterOverOpenapiFetch: number;
  facadeOverOpenapiFetch: number;
}

export interface PerCallOptions {
  /** Calls of each contender that are timed, in each round. */
  calls: number;
  /** Calls of each contender made first in each round and not timed (JIT, sockets). */
  warmup: number;
  /** Rounds, each on a fresh server with fresh clients. */
  rounds: number;
}

/**
 * The contenders take turns call by call, in an order that rotates, and each call is timed on its own:
 * drift (JIT, GC, the server's sockets) falls on all of them alike. Timed one contender after another
 * (300 ms each, 20 rounds), the same ratios moved by up to 20 % from run to run; taking turns, by 1–2 %.
 * The figures are the medians of several rounds': in one long round, a stretch of a busy machine moved
 * the adapter's ratio by up to 3 % from run to run; the median of five rounds, by about 0.5 %.
 */
export async function measurePerCall({ calls, warmup, rounds }: PerCallOptions): Promise<PerCallFigures> {
  const figures: PerCallFigures[] = [];
  for (let round = 0; round < rounds; round++) figures.push(await measureRound(calls, warmup));
  const medianOf = (read: (round: PerCallFigures) => number) => median(figures.map(read));
  const names = Object.keys(figures[0]?.medianUs ?? {});
  return {
    medianUs: Object.fromEntries(names.map((name) => [name, medianOf((round) => round.medianUs[name] ?? 0)])),
    openapiFetchOverheadRatio: medianOf((round) => round.openapiFetchOverheadRatio),
    rawClientOverheadRatio: medianOf((round) => round.rawClientOverheadRatio),
    adapterOverheadRatio: medianOf((round) => round.adapterOverheadRatio),
    facadeOverheadRatio: medianOf((round) => round.facadeOverheadRatio),
    adapterOverOpenapiFetch: medianOf((round) => round.adapterOverOpenapiFetch),
    facadeOverOpenapiFetch: medianOf((round) => round.facadeOverOpenapiFetch),
  };
}

async function measureRound(calls: number, warmup: number): Promise<PerCallFigures> {
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

    const contenders: Array<[name: string, call: () => Promise<unknown>]> = [
      ["fetch", async () => (await fetch(path, { headers })).json()],
      ["openapi-fetch", () => bare.GET(USERS, { params })],
      ["raw client", () => raw.GET(USERS, { params })],
      ["adapter list()", () => users.list()],
      ["facade list()", () => facade.list()],
    ];
    const samples = contenders.map((): number[] => []);
    for (let turn = 0; turn < warmup + calls; turn++) {
      for (let k = 0; k < contenders.length; k++) {
        const index = (turn + k) % contenders.length;
        const started = performance.now();
        await contenders[index]?.[1]();
        if (turn >= warmup) samples[index]?.push(performance.now() - started);
      }
    }
    const medianUs = Object.fromEntries(
      contenders.map(([name], index) => [name, round(median(samples[index] ?? []) * 1000, 1)]),
    );
    const over = (name: string, base: string) =>
      round((medianUs[name] ?? Number.NaN) / (medianUs[base] ?? Number.NaN), 3);
    return {
      medianUs,
      openapiFetchOverheadRatio: over("openapi-fetch", "fetch"),
      rawClientOverheadRatio: over("raw client", "fetch"),
      adapterOverheadRatio: over("adapter list()", "fetch"),
      facadeOverheadRatio: over("facade list()", "fetch"),
      adapterOverOpenapiFetch: over("adapter list()", "openapi-fetch"),
      facadeOverOpenapiFetch: over("facade list()", "openapi-fetch"),
    };
  } finally {
    await server.close();
  }
}

function round(value: number, digits: number): number {
  return Math.round(value * 10 ** digits) / 10 ** digits;
}
