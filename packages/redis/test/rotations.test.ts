// Rotations by several replicas of one service: the credential's lock and state on Redis.
import type { NameLock } from "@dbusers/core";
import { createRotation } from "@dbusers/rotation";
import { createDatabaseUsers } from "@dbusers/sdk";
import { DEFAULT_TOKEN, startSimulator } from "@dbusers/simulator";
import { afterEach, describe, expect, it } from "vitest";
import { createRedisLock, createRedisRotationStore } from "../src/index.ts";
import { connect, freshPrefix } from "./redis.ts";

const ORIGINAL = "appuser1";
/** What the suite may take to answer on a busy machine: an outage here is a closed connection, not a wait. */
const SLOW = 10_000;
const closing: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closing.splice(0)) await close();
});

async function setUp() {
  const sim = await startSimulator({ seed: "empty", logger: false });
  closing.push(() => sim.close());
  const cluster = sim.digitalocean.addCluster({
    engine: "pg",
    users: [{ name: ORIGINAL, password: "Original-0123456789abcdef" }],
  });
  const prefix = freshPrefix();
  const holders = { now: 0, most: 0 };
  /** A replica: its own Redis connection, client, lock and store; its lock counts the holders at once. */
  const replica = async (redis = connect()) => {
    const connection = await redis;
    const lock = createRedisLock(connection, { prefix, retryDelayMs: 5, storeTimeoutMs: SLOW });
    const counting: NameLock = {
      store: connection,
      run: (key, task, signal) =>
        lock.run(
          key,
          async () => {
            holders.most = Math.max(holders.most, ++holders.now);
            try {
              return await task();
            } finally {
              holders.now--;
            }
          },
          signal,
        ),
    };
    const rotation = createRotation({
      users: createDatabaseUsers({
        provider: "digitalocean",
        token: DEFAULT_TOKEN,
        clusterId: cluster.id,
        baseUrl: sim.urls.digitalocean,
      }),
      store: createRedisRotationStore(connection, { prefix }),
      credential: ORIGINAL,
      drainMs: 0,
      lock: counting,
    });
    return { connection, rotation };
  };
  const names = () =>
    sim.digitalocean
      .listUsers(cluster.id)
      .map((user) => user.name)
      .filter((name) => name !== "doadmin");
  const password = (name: string) => sim.digitalocean.getUser(cluster.id, name)?.password;
  return { replica, holders, names, password };
}

describe("rotations of one credential by four replicas", () => {
  it("never run two at once: eight rotate() calls at the same moment run one after another, and end consistent", async () => {
    const { replica, holders, names, password } = await setUp();
    const replicas = await Promise.all(Array.from({ length: 4 }, () => replica()));
    const results = await Promise.all(
      replicas.flatMap(({ rotation }) => [rotation.rotate(), rotation.rotate()]),
    );
    expect(holders.most).toBe(1);
    expect(results.filter((result) => result.rotated)).toHaveLength(8);
    expect(results.map((result) => result.rotations).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    // Two vendor users, whatever the order; CURRENT's password in the store is the one the vendor holds.
    expect(names()).toHaveLength(2);
    const current = await replicas[0]?.rotation.current();
    expect(current?.password.reveal()).toBe(password(current?.username ?? ""));
  });

  it("refuse to rotate while Redis does not answer (no local fallback for a rotation), changing nothing", async () => {
    const { replica, names } = await setUp();
    const { rotation, connection } = await replica();
    await rotation.rotate();
    const before = { names: names(), current: await rotation.current() };
    connection.disconnect();
    await expect(rotation.rotate()).rejects.toMatchObject({ name: "SharedStoreUnavailableError" });
    expect(names()).toEqual(before.names);
    const { rotation: other } = await replica();
    expect((await other.current())?.username).toBe(before.current?.username);
  });
});
