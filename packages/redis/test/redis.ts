// For tests: connections to the Redis the run started (tools/redis/vitest-global-setup.ts), each test
// under a key prefix of its own, closed after the test.
import { Redis, type RedisOptions } from "ioredis";
import { afterEach } from "vitest";
import { redisUrl } from "../../../tools/redis/redis-url.ts";

const opened: Redis[] = [];

afterEach(async () => {
  await Promise.all(opened.splice(0).map((redis) => redis.quit().catch(() => redis.disconnect())));
});

/** What the README recommends: an outage fails commands at once instead of queueing them. */
export const FAIL_FAST: RedisOptions = { enableOfflineQueue: false, maxRetriesPerRequest: 1 };

/** A connection (one per simulated replica), ready (commands fail rather than queue), closed after the test. */
export async function connect(url: string = redisUrl(), options: RedisOptions = FAIL_FAST): Promise<Redis> {
  const redis = new Redis(url, { ...options, lazyConnect: true });
  opened.push(redis);
  await redis.connect();
  return redis;
}

let prefixes = 0;
/** A key prefix no other test uses. */
export const freshPrefix = (): string => `test${process.pid}-${++prefixes}:`;
