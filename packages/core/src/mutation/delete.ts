import { DatabaseUsersError, NotFoundError } from "../errors.ts";
import type { DatabaseUser } from "../types.ts";
import type { Call, MutationRun } from "./run.ts";

/** Sends of one delete at most: the first, and two more after answers that were lost. */
const MAX_SENDS = 3;

/** What a vendor's delete is made of; the rule that joins the steps is `deleteUser`'s alone. */
export interface DeleteSteps<U extends DatabaseUser> {
  /** The user called `name` now, or `undefined`. */
  find(call: Call): Promise<U | undefined>;
  /**
   * Whether the vendor addresses users by an id that a user made later under the same name cannot have
   * (HostUp's `dbu_…`, Cloud66's uid): the delete is then sent to the id of the user found first.
   */
  immutableId: boolean;
  /** Deletes `user` (found first, where the vendor has ids) or the user called `name`. */
  send(target: U | string, call: Call): Promise<void>;
  /**
   * After an answer was lost: whether the user is still there. Default: one lookup; an async vendor
   * follows the list until its action can have ended.
   */
  stillThere?(run: MutationRun, target: U | string): Promise<boolean>;
}

/**
 * Deletes the user called `name`, and never a user made after this call began. Where the vendor has
 * immutable ids, the user is found first and its id deleted. A delete whose answer was lost is not sent
 * again blindly: the user is looked up, and the delete re-sent only when the same user is still there.
 * Where the vendor addresses users by name alone (DigitalOcean, Scalingo), the name's lock keeps this
 * client's own creates out; another client's create of the same name between the lookup and the re-send
 * remains a race.
 */
export async function deleteUser<U extends DatabaseUser>(
  provider: string,
  run: MutationRun,
  name: string,
  steps: DeleteSteps<U>,
): Promise<void> {
  const target = steps.immutableId ? await run.read("lookup before delete", (call) => found(call)) : name;
  async function found(call: Call): Promise<U> {
    const user = await steps.find(call);
    if (!user)
      throw new NotFoundError(`${provider}: no database user named "${name}"`, { provider, status: 404 });
    return user;
  }
  const stillThere =
    steps.stillThere ??
    (async (lost: MutationRun, sent: U | string) => {
      const now = await lost.readRetrying("lookup after a lost delete", steps.find);
      return now !== undefined && (typeof sent === "string" || now.id === sent.id);
    });
  for (let sends = 1; ; sends++) {
    try {
      await run.send("delete request", (call) => steps.send(target, call));
      return;
    } catch (error) {
      // Gone by the time it was sent again: what the caller asked for.
      if (sends > 1 && error instanceof NotFoundError) return;
      if (!(error instanceof DatabaseUsersError) || error.outcome !== "unknown") throw error;
      // A lookup that fails proves nothing: the original error stands.
      const there = await stillThere(run, target).catch(() => {
        throw error;
      });
      if (!there) return;
      if (sends >= MAX_SENDS || !run.hasTime()) throw error;
      // The same user is still there: the lost attempts did nothing, and the delete is sent again.
      run.known();
    }
  }
}
