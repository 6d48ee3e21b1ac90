// Faults with a Redis of the test's own, stopped and started again on its port.
import { once } from "node:events";
import { createDatabaseUsers, type Logger } from "@dbusers/sdk";
import { DEFAULT_TOKEN, startSimulator } from "@dbusers/simulator";
import { Redis } from "ioredis";
import { afterEach, describe, expect, it } from "vitest";
import { type RunningRedis, startRedis } from "../../../tools/redis/server.ts";
import { createRedisLock, createRedisQuota } from "../src/index.ts";
import { FAIL_FAST } from "./redis.ts";

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe("a Redis outage in the middle of a run", () => {
  it("falls back to the local throttle and lock with one warning, loses no user, and shares again once Redis is back", async () => {
    let redisServer: RunningRedis = await startRedis();
    cleanups.push(() => redisServer.stop());
    const sim = await startSimulator({ seed: "empty", logger: false });
    cleanups.push(() => sim.close());
    const cluster = sim.digitalocean.addCluster({ engine: "mysql" });
    // Reconnects every 50 ms while Redis is away; commands fail at once meanwhile (the README's advice).
    const redis = new Redis(redisServer.url, { ...FAIL_FAST, lazyConnect: true, retryStrategy: () => 50 });
    cleanups.push(async () => redis.disconnect());
    await redis.connect();
    const warnings: string[] = [];
    const infos: string[] = [];
    const logger: Logger = {
      warn: (message) => warnings.push(message),
      info: (message) => infos.push(message),
    };
    const prefix = "faults:";
    const users = createDatabaseUsers({
      provider: "digitalocean",
      token: DEFAULT_TOKEN,
      clusterId: cluster.id,
      baseUrl: sim.urls.digitalocean,
      logger,
      // Generous time to answer: the outage here is a stopped server (commands fail at once), and a busy
      // machine must not pass for one.
      sharedQuota: { quota: createRedisQuota(redis, { prefix }), key: "account", timeoutMs: 10_000 },
      lock: createRedisLock(redis, { prefix, storeTimeoutMs: 10_000 }),
    });
    const created: string[] = [];
    const create = async (name: string) => {
      await users.create({ name });
      created.push(name);
    };
    const quotaPlaces = () => redis.zcard(`${prefix}quota:digitalocean:account`);

    for (let i = 0; i < 3; i++) await create(`before-${i}`);
    // Shared: each request took its place in Redis.
    expect(await quotaPlaces()).toBeGreaterThanOrEqual(6);
    expect(warnings).toEqual([]);

    await redisServer.stop({ kill: true });
    for (let i = 0; i < 5; i++) await create(`during-${i}`);
    // Every create succeeded locally; the outage was told once, whatever the number of calls.
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/shared store does not answer/);

    redisServer = await startRedis({ port: redisServer.port });
    if (redis.status !== "ready") await once(redis, "ready");
    // Back: asked again within a second; the calls meanwhile stay local.
    let after = 0;
    while (infos.length === 0 && after < 200) {
      await create(`after-${after++}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(infos).toHaveLength(1);
    expect(infos[0]).toMatch(/answers again/);
    await create("after-last");
    // Shared again: the new (empty) Redis holds the places of the requests since.
    expect(await quotaPlaces()).toBeGreaterThanOrEqual(2);
    expect(warnings).toHaveLength(1);

    // Nothing lost, nothing twice: the vendor has every user created, once.
    const names = sim.digitalocean.listUsers(cluster.id).map((user) => user.name);
    for (const name of created) expect(names.filter((n) => n === name)).toHaveLength(1);
    expect(created).toHaveLength(3 + 5 + after + 1);
  });
});
