// What a mutation does once Cloud 66 has accepted it, or after its answer was lost: follow its action,
// or, where the action's id is unknown, its effect on the list. Cloud 66 has no list of actions, so a
// mutation whose answer was lost is known only by its effect, which shows once its action has run.
import { OperationFailedError, TimeoutError, type WaitOptions } from "@dbusers/core";
import type { MutationRun } from "@dbusers/core/adapter";
import type { ActionAnswer } from "./action.ts";
import type { ListedUser } from "./listing.ts";
import type { Cloud66User } from "./map-user.ts";
import type { Cloud66Operation, Settle } from "./operation.ts";

/** The step of a mutation that follows its action once Cloud 66 accepted it. */
const WAIT_STEP = "wait for action";

/** What following needs of the adapter: its operations and its lookups in the list. */
export interface Follower {
  operation<T>(description: string, answer: ActionAnswer | undefined, settle: Settle<T>): Cloud66Operation<T>;
  /** The first listed user that `matches`, with its password when `showPassword`. */
  find(
    matches: (user: Cloud66User) => boolean,
    reading: { signal?: AbortSignal | undefined },
    showPassword?: boolean,
  ): Promise<ListedUser | undefined>;
}

/**
 * Follows an accepted mutation's action to its end, or hands it back with `{ wait: false }`. Once
 * Cloud 66 accepted it, the mutation may have happened however the wait ends, unless the action failed
 * and `failureProves` that nothing was done (the only request this call sent was that action's).
 */
export async function waitFor<T>(
  run: MutationRun,
  handle: Cloud66Operation<T>,
  waiting: false | WaitOptions,
  failureProves: boolean,
): Promise<T | Cloud66Operation<T>> {
  if (waiting === false) return handle;
  try {
    return await handle.wait({ ...waiting, signal: run.signal });
  } catch (error) {
    if (!(error instanceof OperationFailedError && failureProves))
      throw run.fail(error, WAIT_STEP, "unknown");
    run.known();
    throw run.fail(error, WAIT_STEP, "not-applied");
  }
}

/**
 * After a create's answer was lost: the user called `name` once the list shows it (with its password),
 * within the wait's time limit; with `{ wait: false }`, one look. `undefined` when it did not show.
 */
export async function lostCreate(
  follower: Follower,
  run: MutationRun,
  name: string,
  waiting: false | WaitOptions,
): Promise<ListedUser | undefined> {
  const look = (reading: { signal?: AbortSignal | undefined }) =>
    follower.find((user) => user.name === name, reading, true);
  if (waiting === false) return run.readRetrying("lookup after a lost create", look);
  const listed = follower.operation(`creation of database user "${name}"`, undefined, async (signal) => {
    const found = await look({ signal });
    return found ? { state: "success", value: found } : { state: "retry", reason: "not listed yet" };
  });
  return withinTimeLimit(run, listed.wait({ ...waiting, signal: run.signal }));
}

/**
 * After a delete's answer was lost: whether `user` (by its uid) is still listed at the wait's time
 * limit. Followed whether the call waits or not: a DELETE that Cloud 66 queued removes the user only
 * once its action has run, and sending another meanwhile would queue an action bound to fail.
 */
export async function stillListed(
  follower: Follower,
  run: MutationRun,
  user: Cloud66User,
  waiting: false | WaitOptions,
): Promise<boolean> {
  const gone = follower.operation(`deletion of database user "${user.name}"`, undefined, async (signal) =>
    (await follower.find((listed) => listed.id === user.id, { signal }))
      ? { state: "retry", reason: "still listed" }
      : { state: "success", value: true },
  );
  const left = await withinTimeLimit(run, gone.wait({ ...(waiting || {}), signal: run.signal }));
  return left === undefined;
}

/**
 * What `waiting` resolves with, or `undefined` once the wait's own time limit is reached (the
 * mutation's deadline and the caller's abort still end the mutation).
 */
async function withinTimeLimit<T>(run: MutationRun, waiting: Promise<T>): Promise<T | undefined> {
  try {
    return await waiting;
  } catch (error) {
    if (error instanceof TimeoutError && !run.signal.aborted) return undefined;
    throw error;
  }
}
