import type { ClientOptions } from "../types.ts";
import { createLocalNameLock } from "./lock.ts";
import type { MutationScope } from "./run.ts";

/** A mutation's deadline when neither the client nor the call sets one. */
export const DEFAULT_MUTATION_DEADLINE_MS = 120_000;

/**
 * Where an adapter's mutations run: `scope` names its cluster or account; the client's own lock unless
 * the caller shares one (a distributed lock across processes), and its deadline.
 */
export function mutationScope(
  provider: string,
  scope: string,
  options: Pick<ClientOptions, "lock" | "serializeMutations" | "deadlineMs">,
  vendor: { serializeMutations?: boolean; deadlineMs?: number } = {},
): MutationScope {
  return {
    provider,
    scope: `${provider}/${scope}`,
    lock: options.lock ?? createLocalNameLock(),
    serialize: options.serializeMutations ?? vendor.serializeMutations ?? false,
    deadlineMs: options.deadlineMs ?? vendor.deadlineMs ?? DEFAULT_MUTATION_DEADLINE_MS,
  };
}
