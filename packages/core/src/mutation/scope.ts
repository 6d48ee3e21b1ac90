import type { ClientOptions, OperationOptions } from "../types.ts";
import { lockWithLocalFallback } from "./fallback-lock.ts";
import { createLocalNameLock } from "./lock.ts";
import type { MutationOperation } from "./outcome.ts";
import { type MutationRun, runMutation } from "./run.ts";

/** A mutation's deadline when neither the call, the client nor the vendor sets one. */
export const DEFAULT_MUTATION_DEADLINE_MS = 120_000;

/** What a vendor says of its own mutations. */
export interface MutationDefaults {
  /** Mutations of the whole scope one at a time (DigitalOcean answers 5xx to concurrent creates). */
  serializeMutations?: boolean;
  /** The deadline of a call that sets none (Cloud66: as long as the call's wait for its action, and more). */
  deadlineMs?: (options: OperationOptions) => number;
}

/** An adapter's mutations: each runs under its user's name's lock and its call's deadline. */
export interface Mutations {
  run<T, O extends OperationOptions = OperationOptions>(
    operation: MutationOperation,
    name: unknown,
    options: O | undefined,
    body: (run: MutationRun, options: O) => Promise<T>,
  ): Promise<T>;
}

/**
 * The mutations of one place (`scope`: a cluster, a database, an account): the client's own lock unless
 * the caller shares one (a distributed lock across processes), and its deadline.
 */
export function mutationsOf(
  provider: string,
  scope: string,
  options: Pick<ClientOptions, "lock" | "serializeMutations" | "deadlineMs" | "logger">,
  defaults: MutationDefaults = {},
): Mutations {
  const { deadlineMs } = options;
  const settings = {
    provider,
    scope: `${provider}/${scope}`,
    lock: options.lock ? lockWithLocalFallback(options.lock, options.logger) : createLocalNameLock(),
    serialize: options.serializeMutations ?? defaults.serializeMutations ?? false,
    deadlineMs: (call: OperationOptions) =>
      deadlineMs ?? defaults.deadlineMs?.(call) ?? DEFAULT_MUTATION_DEADLINE_MS,
  };
  return {
    run: (operation, name, callOptions, body) =>
      runMutation(settings, { operation, name, options: callOptions }, body),
  };
}
