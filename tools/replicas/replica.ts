// One replica of a service: a client of one vendor on the simulator, with or without the shared Redis,
// running its share of operations; prints what it saw as one JSON line (replica-result.ts).
// argv: one JSON `ReplicaTask`.
import { createRedisLock, createRedisQuota } from "@dbusers/redis";
import { createDatabaseUsers, type Logger } from "@dbusers/sdk";
import { Redis } from "ioredis";
import type { ReplicaResult, ReplicaTask } from "./replica-result.ts";

const task = JSON.parse(process.argv[2] ?? "{}") as ReplicaTask;
const answers: ReplicaResult["answers"] = [];
const warnings: string[] = [];

// Every answer the vendor gave: its time, and whether it was a throttling one (counted, then retried).
const recordingFetch: typeof fetch = async (input, init) => {
  const response = await fetch(input, init);
  const throttled = response.status === 429 || (task.provider === "cloud66" && response.status === 503);
  answers.push({ at: Date.now(), throttled });
  return response;
};
const logger: Logger = { warn: (message) => warnings.push(message) };

let redis: Redis | undefined;
if (task.redisUrl) {
  redis = new Redis(task.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: true });
  await redis.connect();
}
const shared = redis && {
  // Time to answer for a machine running five processes and the simulator on two cores: a slow answer
  // there is load, not an outage (which would show as warnings).
  sharedQuota: { quota: createRedisQuota(redis, { prefix: task.prefix }), timeoutMs: 5_000 },
  lock: createRedisLock(redis, { prefix: task.prefix, storeTimeoutMs: 5_000 }),
};
const users = createDatabaseUsers({
  ...task.config,
  fetch: recordingFetch,
  logger,
  throttle: { windows: task.windows },
  ...shared,
});

const result: ReplicaResult = { kept: [], deleted: [], failures: [], answers, warnings };
// Each unit is five operations on one name: a create, three reads, then a delete (nine units in ten)
// or a fourth read (the user is kept). Four units at a time. Cloud 66 reads by listing (it has no
// endpoint for one user); the others get the user.
const units = Array.from({ length: Math.ceil(task.operations / 5) }, (_, k) => k);
const read = (name: string) => (task.provider === "cloud66" ? users.list() : users.get(name));
async function runUnit(k: number): Promise<void> {
  const name = `replica${task.replica}user${k}`;
  try {
    await users.create({ name });
    for (let i = 0; i < 3; i++) await read(name);
    if (k % 10 === 9) {
      await read(name);
      result.kept.push(name);
    } else {
      await users.delete(name);
      result.deleted.push(name);
    }
  } catch (error) {
    result.failures.push(`${name}: ${(error as Error).name}: ${(error as Error).message}`);
  }
}
const pending = [...units];
await Promise.all(
  Array.from({ length: 4 }, async () => {
    for (let k = pending.shift(); k !== undefined; k = pending.shift()) await runUnit(k);
  }),
);
redis?.disconnect();
process.stdout.write(`${JSON.stringify(result)}\n`);
