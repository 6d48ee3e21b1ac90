import { Secret } from "@dbusers/core";
import { type RotationState, type RotationStore, StoreConflictError } from "@dbusers/rotation";
import type { Redis } from "ioredis";
import { LuaScript } from "./script.ts";

// One hash per logical credential: its version and its state as JSON. The version check and the write
// are one script, so two replicas writing the same version never both win (the rotation store's
// compare-and-set). Passwords are written in clear: Redis must be as private as a secrets store.

/** KEYS[1]: the hash. ARGV: expected version, state JSON. → the new version, or minus the one found - 1. */
const PUT = new LuaScript(`
local found = tonumber(redis.call('HGET', KEYS[1], 'version') or '0')
if found ~= tonumber(ARGV[1]) then return -found - 1 end
redis.call('HSET', KEYS[1], 'version', found + 1, 'state', ARGV[2])
return found + 1`);

type StoredState = Omit<RotationState, "passwords"> & { passwords: Record<string, string> };

export interface RedisRotationStoreOptions {
  /** Prefix of every key the store writes. Default `dbusers:`. */
  prefix?: string;
}

/** The rotation's labels, steps and passwords in Redis, shared by every replica that rotates or reads. */
export function createRedisRotationStore(
  redis: Redis,
  options: RedisRotationStoreOptions = {},
): RotationStore {
  const prefix = `${options.prefix ?? "dbusers:"}rotation:`;
  return {
    async get(key) {
      const [version, json] = await redis.hmget(prefix + key, "version", "state");
      if (!version || !json) return undefined;
      const stored = JSON.parse(json) as StoredState;
      const passwords = Object.fromEntries(
        Object.entries(stored.passwords).map(([name, value]) => [name, new Secret(value)]),
      );
      return { version: Number(version), state: { ...stored, passwords } };
    },
    async put(key, state, expected) {
      const passwords = Object.fromEntries(
        Object.entries(state.passwords).map(([name, secret]) => [name, secret.reveal()]),
      );
      const json = JSON.stringify({ ...state, passwords } satisfies StoredState);
      const answer = Number(await PUT.run(redis, [prefix + key], [expected, json]));
      if (answer < 0) throw new StoreConflictError(key, expected, -answer - 1);
      return answer;
    },
  };
}
