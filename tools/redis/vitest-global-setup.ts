// A vitest globalSetup for the packages whose tests need Redis: the server `pnpm test` started
// (with-redis.ts), or, when a package's tests run on their own, one started here for the run.
// Tests read its URL with `redisUrl()` (redis-url.ts).
import type { TestProject } from "vitest/node";
import type {} from "./redis-url.ts"; // the `redisUrl` it provides
import { startRedis } from "./server.ts";
import { REDIS_URL_VARIABLE } from "./variable.ts";

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const given = process.env[REDIS_URL_VARIABLE];
  if (given) {
    project.provide("redisUrl", given);
    return undefined;
  }
  const redis = await startRedis();
  project.provide("redisUrl", redis.url);
  return () => redis.stop();
}
