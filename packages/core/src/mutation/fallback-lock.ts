import { SharedStoreUnavailableError, sharedStoreHealth } from "../shared/shared-store.ts";
import type { Logger } from "../types.ts";
import { createLocalNameLock, type NameLock } from "./lock.ts";

/**
 * A shared lock that gives way to a local one while its store does not answer (one warning), and is
 * asked again once a second until it does. The cost: while it is down, a mutation of one name in two
 * processes can run at once (what the lock is there to prevent); the README of `@dbusers/redis` says
 * what follows. A lock without a store (in process) is returned as it is.
 */
export function lockWithLocalFallback(shared: NameLock, logger: Logger | undefined): NameLock {
  const { store } = shared;
  if (store === undefined) return shared;
  const health = sharedStoreHealth(store);
  const local = createLocalNameLock();
  return {
    store,
    async run(key, task, signal) {
      if (!health.shouldAsk()) return local.run(key, task, signal);
      let started = false;
      try {
        return await shared.run(
          key,
          () => {
            started = true;
            health.answered(logger);
            return task();
          },
          signal,
        );
      } catch (error) {
        // Only a store that failed before the task ran: the task's own errors are the caller's.
        if (started || !(error instanceof SharedStoreUnavailableError)) throw error;
        health.failed(error, logger, "locking");
        return local.run(key, task, signal);
      }
    },
  };
}
