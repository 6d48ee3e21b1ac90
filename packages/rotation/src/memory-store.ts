import { type RotationStore, StoreConflictError, type StoredRotation } from "./store.ts";

/** A store in this process's memory: tests, and services that rotate and read in one process. */
export function createMemoryStore(): RotationStore {
  const entries = new Map<string, StoredRotation>();
  return {
    async get(key) {
      const entry = entries.get(key);
      return entry && { state: structuredCopy(entry.state), version: entry.version };
    },
    async put(key, state, expected) {
      const found = entries.get(key)?.version ?? 0;
      if (found !== expected) throw new StoreConflictError(key, expected, found);
      entries.set(key, { state: structuredCopy(state), version: found + 1 });
      return found + 1;
    },
  };
}

// Secrets are kept as they are (a Secret cannot be cloned: its value lives outside the object); the
// rest is copied, so that a caller changing what it read cannot change the store.
function structuredCopy<T extends StoredRotation["state"]>(state: T): T {
  return {
    ...state,
    users: [...state.users],
    passwords: { ...state.passwords },
    due: [...state.due],
    ...(state.previous && { previous: { ...state.previous } }),
    ...(state.pending && { pending: { ...state.pending } }),
  };
}
