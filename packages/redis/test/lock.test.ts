import { spawn } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { redisUrl } from "../../../tools/redis/redis-url.ts";
import { createRedisLock } from "../src/index.ts";
import { connect, freshPrefix } from "./redis.ts";

describe("createRedisLock", () => {
  it("lets one holder of a key run at a time across connections, in the order of growing fencing tokens", async () => {
    const prefix = freshPrefix();
    const connections = await Promise.all(Array.from({ length: 4 }, () => connect()));
    const locks = connections.map((redis) =>
      createRedisLock(redis, { prefix, retryDelayMs: 5, storeTimeoutMs: 10_000 }),
    );
    let holding = 0;
    let mostAtOnce = 0;
    const tokens: number[] = [];
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        locks[i % 4]?.run("digitalocean/cluster/app", async ({ token }) => {
          holding += 1;
          mostAtOnce = Math.max(mostAtOnce, holding);
          tokens.push(token);
          await new Promise((resolve) => setImmediate(resolve));
          holding -= 1;
        }),
      ),
    );
    expect(mostAtOnce).toBe(1);
    expect(tokens).toHaveLength(40);
    expect(tokens).toEqual([...tokens].sort((a, b) => a - b));
  });

  it("does not hold other keys back", async () => {
    const lock = createRedisLock(await connect(), { prefix: freshPrefix() });
    const order: string[] = [];
    await lock.run("a", async () => {
      await lock.run("b", async () => order.push("b inside a"));
    });
    expect(order).toEqual(["b inside a"]);
  });

  it("gives up waiting with the signal's reason, and the task does not run", async () => {
    const lock = createRedisLock(await connect(), { prefix: freshPrefix() });
    const controller = new AbortController();
    let ran = false;
    const waiting = lock.run("k", async () => {
      controller.abort(new Error("caller gave up"));
      await lock
        .run(
          "k",
          async () => {
            ran = true;
          },
          controller.signal,
        )
        .catch((error: Error) => expect(error.message).toBe("caller gave up"));
    });
    await waiting;
    expect(ran).toBe(false);
  });

  it("a holder killed: its lock expires after ttlMs (it was not released) and another replica proceeds, with a larger fencing token", async () => {
    const prefix = freshPrefix();
    const child = spawn(
      process.execPath,
      [
        fileURLToPath(new URL("fixtures/hold-lock.ts", import.meta.url)),
        redisUrl(),
        prefix,
        "rotation/app",
        "2000",
      ],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    const [line] = await once(createInterface({ input: child.stdout }), "line");
    const held = JSON.parse(String(line)) as { token: number };
    child.kill("SIGKILL");
    await once(child, "exit");
    const redis = await connect();
    // Killed, not released: the lock is still there, and only its expiry lets the next holder in.
    expect(await redis.pttl(`${prefix}lock:rotation/app`)).toBeGreaterThan(0);
    const lock = createRedisLock(redis, { prefix, ttlMs: 2000 });
    const token = await lock.run("rotation/app", async (lease) => lease.token);
    expect(token).toBeGreaterThan(held.token);
  });

  it("rejects with SharedStoreUnavailableError when Redis does not answer, before running the task", async () => {
    const redis = await connect();
    const lock = createRedisLock(redis, { prefix: freshPrefix() });
    redis.disconnect();
    let ran = false;
    await expect(
      lock.run("k", async () => {
        ran = true;
      }),
    ).rejects.toMatchObject({ name: "SharedStoreUnavailableError" });
    expect(ran).toBe(false);
  });
});
