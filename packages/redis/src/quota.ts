import { randomUUID } from "node:crypto";
import type { QuotaAnswer, RateWindow, SharedQuota } from "@dbusers/core";
import type { Redis } from "ioredis";
import { LuaScript, NOW_MS } from "./script.ts";

// One sorted set per vendor account: a member per request, scored with the time its place is counted
// from, i.e. its answer's time, or, while it has none yet, the latest it may come (start + holdMs). A
// place is in a window while its score is later than `now - windowMs`, which is the local throttle's
// rule (packages/core/src/transport/throttle.ts): held from the start until a window after the answer.
// The check of every window and the taking of the place are one script: atomic for every replica.

/** KEYS[1]: the account's set. ARGV: member, holdMs, then limit and windowMs of each window. */
const TAKE = new LuaScript(`${NOW_MS}
local hold = tonumber(ARGV[2])
local horizon = 0
local wait = 0
for i = 3, #ARGV, 2 do
  local limit = tonumber(ARGV[i])
  local window = tonumber(ARGV[i + 1])
  if window > horizon then horizon = window end
  local from = '(' .. (now - window)
  local count = redis.call('ZCOUNT', KEYS[1], from, '+inf')
  if count >= limit then
    -- The window has room again once the (count - limit + 1) oldest of its places have left it.
    local freeing = redis.call('ZRANGEBYSCORE', KEYS[1], from, '+inf', 'WITHSCORES', 'LIMIT', count - limit, 1)
    local score = tonumber(freeing[2])
    -- A place still waiting for its answer leaves the window no sooner than a window from now.
    local frees = (score > now) and window or (score + window - now)
    if frees > wait then wait = frees end
  end
end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - horizon)
if wait > 0 then return wait end
redis.call('ZADD', KEYS[1], now + hold, ARGV[1])
redis.call('PEXPIRE', KEYS[1], horizon + hold + 1000)
return 0`);

/** KEYS[1]: the account's set. ARGV[1]: the member, answered now (its place leaves a window from now). */
const RELEASE = new LuaScript(`${NOW_MS}
local score = redis.call('ZSCORE', KEYS[1], ARGV[1])
if score and tonumber(score) > now then redis.call('ZADD', KEYS[1], 'XX', now, ARGV[1]) end
return 0`);

export interface RedisQuotaOptions {
  /** Prefix of every key this quota writes. Default `dbusers:`. */
  prefix?: string;
}

/**
 * The vendor's windows counted in Redis for every replica that shares a vendor account: pass it as the
 * clients' `sharedQuota: { quota }`. Uses the caller's ioredis client as it is (see the README for the
 * options that make an outage fail fast).
 */
export function createRedisQuota(redis: Redis, options: RedisQuotaOptions = {}): SharedQuota {
  const prefix = `${options.prefix ?? "dbusers:"}quota:`;
  return {
    store: redis,
    async take(key: string, windows: readonly RateWindow[], holdMs: number): Promise<QuotaAnswer> {
      const set = prefix + key;
      const member = randomUUID();
      const limits = windows.flatMap(({ limit, windowMs }) => [limit, Math.ceil(windowMs)]);
      const wait = Number(await TAKE.run(redis, [set], [member, Math.ceil(holdMs), ...limits]));
      if (wait > 0) return { granted: false, retryInMs: wait };
      return {
        granted: true,
        // The answer's time is what counts: recorded without waiting. Lost (the store down), the place
        // still leaves the window once its holdMs has passed.
        release: () => void RELEASE.run(redis, [set], [member]).catch(() => {}),
      };
    },
  };
}
