// Per-call cost of the shared quota: the raw DigitalOcean client with its local throttle alone, then with
// the quota counted in Redis (one script per request, and one to record its answer), on one loopback
// server, taking turns call by call. The ratio is what to read: Redis's round trip is most of it.
import { createDigitalOceanClient } from "@dbusers/client-digitalocean";
import { createRedisQuota } from "@dbusers/redis";
import { Redis } from "ioredis";
import { startRedis } from "../../tools/redis/server.ts";
import { REDIS_URL_VARIABLE } from "../../tools/redis/variable.ts";
import { startLoopbackServer } from "./loopback-server.ts";
import { median } from "./stats.ts";

const CLUSTER = "9cc10173-e9ea-4176-9dbc-a4cee4c4ff30";
const USERS = "/v2/databases/{database_cluster_uuid}/users";

export interface SharedThrottleFigures {
  medianUs: { local: number; redis: number };
  /** Per-call time with the Redis quota ÷ with the local throttle alone. */
  redisOverLocal: number;
}

export async function measureSharedThrottle({
  calls,
  warmup,
}: {
  calls: number;
  warmup: number;
}): Promise<SharedThrottleFigures> {
  const given = process.env[REDIS_URL_VARIABLE];
  const server = await startLoopbackServer();
  const redisServer = given ? undefined : await startRedis();
  const redis = new Redis(given ?? redisServer?.url ?? "", { enableOfflineQueue: false, lazyConnect: true });
  try {
    await redis.connect();
    // A window the run never fills: the bookkeeping is measured, not a wait.
    const throttle = { windows: [{ limit: 1_000_000, windowMs: 60_000 }] };
    const common = { token: "dop_v1_bench", baseUrl: server.url, throttle };
    const local = createDigitalOceanClient(common);
    const quota = createRedisQuota(redis, { prefix: `bench-${process.pid}:` });
    const shared = createDigitalOceanClient({ ...common, sharedQuota: { quota } });
    const params = { path: { database_cluster_uuid: CLUSTER } };
    const contenders = [() => local.GET(USERS, { params }), () => shared.GET(USERS, { params })];
    const samples: number[][] = [[], []];
    for (let turn = 0; turn < warmup + calls; turn++) {
      for (let k = 0; k < 2; k++) {
        const index = (turn + k) % 2;
        const started = performance.now();
        await contenders[index]?.();
        if (turn >= warmup) samples[index]?.push(performance.now() - started);
      }
    }
    const [localUs = Number.NaN, redisUs = Number.NaN] = samples.map(
      (times) => Math.round(median(times) * 10_000) / 10,
    );
    return {
      medianUs: { local: localUs, redis: redisUs },
      redisOverLocal: Math.round((redisUs / localUs) * 1000) / 1000,
    };
  } finally {
    redis.disconnect();
    await redisServer?.stop();
    await server.close();
  }
}
