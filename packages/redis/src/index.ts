// `@dbusers/redis`: what several replicas of a service share on one Redis: the vendor's quota, the
// locks of user names and rotations, and the rotation store.
export { createRedisLock, type LockLease, type RedisLockOptions, type RedisNameLock } from "./lock.ts";
export { createRedisQuota, type RedisQuotaOptions } from "./quota.ts";
export { createRedisRotationStore, type RedisRotationStoreOptions } from "./rotation-store.ts";
