import { randomUUID } from "node:crypto";
import type { NameLock } from "@dbusers/core";
import type { Redis } from "ioredis";
import { LuaScript } from "./script.ts";
import { storeAnswer } from "./within.ts";

// One key per lock holding `<fencing token>:<owner>`, set only when absent and with an expiry (SET NX
// PX, one Redis: see the README for why not Redlock). The fencing token comes from a counter per lock
// that only grows: a holder whose lock expired (paused, partitioned) carries a smaller token than the
// next holder, which a store that checks tokens (the rotation store's writes) can refuse.

/** KEYS: lock, counter. ARGV: owner, ttlMs. → the token, or minus the ms until the lock expires. */
const ACQUIRE = new LuaScript(`
local left = redis.call('PTTL', KEYS[1])
if left ~= -2 then return -math.max(left, 1) end
local token = redis.call('INCR', KEYS[2])
redis.call('SET', KEYS[1], token .. ':' .. ARGV[1], 'PX', ARGV[2])
return token`);

/** KEYS: lock. ARGV: value, ttlMs. → 1 if still held by this value (and extended), else 0. */
const EXTEND = new LuaScript(`
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1`);

/** KEYS: lock. ARGV: value. Deletes the lock only if this value still holds it. */
const RELEASE = new LuaScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`);

/** What a task holding a Redis lock is told. */
export interface LockLease {
  /** Grows with every holder of this key: the later holder has the larger token. */
  readonly token: number;
  /** Aborted when the lock was lost (it expired, Redis failed to extend it): another may hold it now. */
  readonly lost: AbortSignal;
}

/** A `NameLock` whose task is handed its lease. */
export interface RedisNameLock extends NameLock {
  run<T>(key: string, task: (lease: LockLease) => Promise<T>, signal?: AbortSignal): Promise<T>;
  readonly store: Redis;
}

export interface RedisLockOptions {
  /** Prefix of every key the lock writes. Default `dbusers:`. */
  prefix?: string;
  /**
   * How long a lock outlives its holder (a process killed): extended every third of it while the task
   * runs. Default 10 000 ms.
   */
  ttlMs?: number;
  /** The longest pause between two tries of a lock held elsewhere. Default 20 ms. */
  retryDelayMs?: number;
  /** How long Redis may take to answer before it counts as down. Default 1 000 ms. */
  storeTimeoutMs?: number;
}

/**
 * Per-key locks across processes: the clients' `lock` (a user's name, per scope) and the rotation's
 * (`rotation/<credential>`). Rejects with `SharedStoreUnavailableError` when Redis does not answer
 * before the task started; the clients' mutations then hold a local lock, a rotation refuses.
 */
export function createRedisLock(redis: Redis, options: RedisLockOptions = {}): RedisNameLock {
  const prefix = `${options.prefix ?? "dbusers:"}lock:`;
  const ttlMs = options.ttlMs ?? 10_000;
  const retryDelayMs = options.retryDelayMs ?? 20;
  const timeoutMs = options.storeTimeoutMs ?? 1_000;
  const run = (script: LuaScript, keys: string[], args: Array<string | number>) =>
    storeAnswer(script.run(redis, keys, args), timeoutMs);

  async function acquire(key: string, owner: string, signal: AbortSignal | undefined): Promise<number> {
    for (;;) {
      signal?.throwIfAborted();
      const answer = Number(await run(ACQUIRE, [prefix + key, `${prefix + key}:fence`], [owner, ttlMs]));
      if (answer > 0) return answer;
      // Jittered, so that replicas waiting for one lock do not all ask at the same instant.
      const pause = Math.min(-answer, retryDelayMs) * (0.5 + Math.random() / 2);
      await new Promise<void>((resolve, reject) => {
        const onAbort = () => {
          clearTimeout(timer);
          reject(signal?.reason);
        };
        const timer = setTimeout(() => {
          signal?.removeEventListener("abort", onAbort);
          resolve();
        }, pause);
        signal?.addEventListener("abort", onAbort, { once: true });
      });
    }
  }

  return {
    store: redis,
    async run(key, task, signal) {
      const owner = randomUUID();
      const token = await acquire(key, owner, signal);
      const value = `${token}:${owner}`;
      const lost = new AbortController();
      const extender = setInterval(() => {
        run(EXTEND, [prefix + key], [value, ttlMs]).then(
          (held) => {
            if (Number(held) !== 1) lost.abort(new Error(`the lock of ${key} expired before its task ended`));
          },
          // Not extended this time: the next try may be; the lock lasts a whole ttl from the last one.
          () => {},
        );
      }, ttlMs / 3);
      try {
        return await task({ token, lost: lost.signal });
      } finally {
        clearInterval(extender);
        // Not released (Redis down): it expires within ttlMs.
        await run(RELEASE, [prefix + key], [value]).catch(() => {});
      }
    },
  };
}
