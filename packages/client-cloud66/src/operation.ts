import type { OperationHandle, WaitOptions } from "@dbusers/core";
import {
  checkWaitOptions,
  type PollResult,
  requireOperationOptions,
  throwIfInvalid,
  waitUntil,
} from "@dbusers/core/adapter";
import { type ActionAnswer, actionProgress } from "./action.ts";
import type { Cloud66Action } from "./types.ts";
import { cloud66 } from "./vendor.ts";

const { provider } = cloud66;

/**
 * A database-user mutation that Cloud 66 accepted: what `create`, `resetPassword` and `delete` return
 * with `{ wait: false }`. `wait()` follows its async action to the end and resolves with what the
 * mutation resolves with when it waits itself.
 */
export interface Cloud66Operation<T> extends OperationHandle<T> {
  /** The action's id (`String(action.id)`), absent when Cloud 66's answer did not show it. */
  readonly id?: string;
  /** The async action as Cloud 66 answered the mutation (usually queued), when the whole answer came. */
  readonly action?: Cloud66Action;
}

/**
 * Looks for a mutation's result once its action has succeeded: `success` with it, or `retry` while
 * Cloud 66 does not show it yet.
 */
export type Settle<T> = (signal: AbortSignal | undefined) => Promise<PollResult<T>>;

export interface OperationInput<T> {
  /** For messages: `creation of database user "app"`. */
  description: string;
  /**
   * What the accepted mutation's answer said of its action. Without it (an answer that could not be
   * read), the operation is followed by its effect alone: `settle` is polled until it sees it.
   */
  answer?: ActionAnswer | undefined;
  pollAction: (id: number, signal: AbortSignal) => Promise<Cloud66Action>;
  settle: Settle<T>;
  /** The adapter's wait options, under the call's own. */
  defaults: WaitOptions;
}

/**
 * Polls the action until it finishes, then `settle` until the result shows (Cloud 66's list is brought
 * up to date asynchronously: a user created a moment ago may appear only on a later call), all under one
 * time limit. A failed action is an `OperationFailedError` carrying its `finished_message`.
 */
export function cloud66Operation<T>(input: OperationInput<T>): Cloud66Operation<T> {
  const { answer, pollAction, settle } = input;
  const description = answer
    ? `${input.description} (action ${answer.id})`
    : `${input.description} (its action's id was lost with Cloud 66's answer)`;
  // Remembered across calls of wait(): a second one does not poll a finished action again.
  let actionSucceeded = answer === undefined;
  const poll = async (signal: AbortSignal): Promise<PollResult<T>> => {
    if (answer && !actionSucceeded) {
      const progress = actionProgress(await pollAction(answer.id, signal));
      if (progress.state !== "success") return progress;
      actionSucceeded = true;
    }
    return settle(signal);
  };
  return {
    provider,
    ...(answer ? { id: String(answer.id) } : {}),
    ...(answer?.action ? { action: answer.action } : {}),
    wait: async (options = {}) => {
      // `null` or a `signal` that is no AbortSignal is a ValidationError, not a TypeError.
      requireOperationOptions(options, provider);
      const { signal, ...waiting } = options;
      throwIfInvalid(checkWaitOptions(waiting, "wait"), provider);
      return waitUntil({ provider, description, ...input.defaults, ...waiting, signal, poll });
    },
  };
}
