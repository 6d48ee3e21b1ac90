import { DatabaseUsersError } from "../errors.ts";
import type { Call, MutationRun } from "./run.ts";

/** Sends of one reset at most: the first, and two more after answers that were lost. */
const MAX_SENDS = 3;

/**
 * Resets a password so that the caller ends up holding the one that works. A reset whose answer was
 * lost may have changed the password to one nobody was told, so it is sent again (one more rotation harms
 * nothing), until an answer hands over the new password, the sends run out or the deadline comes. An
 * error then says the outcome is unknown: the old password may no longer work.
 */
export async function resetUntilKnown<R>(run: MutationRun, send: (call: Call) => Promise<R>): Promise<R> {
  for (let sends = 1; ; sends++) {
    try {
      return await run.send("reset request", send);
    } catch (error) {
      const lost = error instanceof DatabaseUsersError && error.outcome === "unknown";
      if (!lost || sends >= MAX_SENDS || !run.hasTime()) throw error;
    }
  }
}
