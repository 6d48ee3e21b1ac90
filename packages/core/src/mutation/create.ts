import { isAmbiguousFailure } from "../ambiguous-failure.ts";
import { ConflictError, DatabaseUsersError } from "../errors.ts";
import type { DatabaseUser } from "../types.ts";
import type { Call, MutationRun } from "./run.ts";

/** What a vendor's create is made of; the rule that joins the steps is `createUser`'s alone. */
export interface CreateSteps<U extends DatabaseUser, R> {
  name: string;
  /** Looks the user up by its name (never by an id: a name may equal another user's id). */
  find(call: Call): Promise<U | undefined>;
  /** Sends the create (and, on an async vendor, follows it); resolves with what create resolves with. */
  send(call: Call): Promise<R>;
  /** Whether a vendor's refusal says the name is taken (a `ConflictError` always does). */
  isNameTaken?(error: DatabaseUsersError): boolean;
  /**
   * After an answer was lost: the user the create may have made. Default `find`; an async vendor follows
   * the list until its action can have ended.
   */
  recover?(run: MutationRun): Promise<U | undefined>;
  /**
   * Whether a user found after a lost answer is what was asked for. Default: its read-only flag, where
   * the vendor reports one, is the one asked for (`readOnly`, or false when not asked).
   */
  matches?(user: U): boolean;
  /** What was asked for the user's read-only flag, for the default `matches`. */
  readOnly?: boolean | undefined;
  /** Gives the caller a working password for the user this call made but lost the answer of. */
  claim(user: U, call: Call): Promise<R>;
}

/**
 * Creates a user without ever taking someone else's. The name is proven free first (a taken one is a
 * `ConflictError`, nothing sent). When the create's answer is lost, a user found by that name is this
 * call's only because it was absent before the create and the name's lock was held throughout; even
 * then a protected user, or one unlike what was asked, is left alone. Otherwise the caller gets the
 * original error, marked unknown: the user may or may not exist, and may be someone else's.
 */
export async function createUser<U extends DatabaseUser, R>(
  provider: string,
  run: MutationRun,
  steps: CreateSteps<U, R>,
): Promise<R> {
  const { name } = steps;
  const taken = (cause?: unknown) =>
    new ConflictError(`${provider}: a database user named "${name}" already exists`, {
      provider,
      ...(cause === undefined ? {} : { cause }),
    });
  const before = "lookup before create";
  if (await run.readRetrying(before, steps.find)) throw run.fail(taken(), before, "not-applied");
  try {
    return await run.send("create request", steps.send);
  } catch (error) {
    if (!(error instanceof DatabaseUsersError) || error.outcome !== "unknown") {
      if (error instanceof DatabaseUsersError && isTaken(error, steps)) {
        throw run.fail(taken(error), "create request", "not-applied");
      }
      throw error;
    }
    // Only a lost or unusable answer leaves something to find out; an answer that says why it failed
    // (DigitalOcean's created user whose password a token may not see) is the caller's to read.
    if (!isAmbiguousFailure(error)) throw error;
    const recover =
      steps.recover ?? ((lost: MutationRun) => lost.readRetrying("lookup after a lost create", steps.find));
    // A lookup that fails proves nothing either way: the original error stands.
    const found = await recover(run).catch(() => undefined);
    // Never claimed: nothing found, a vendor-managed user, or one unlike what was asked for.
    const matches =
      steps.matches ??
      ((user: U) => user.readOnly === undefined || user.readOnly === (steps.readOnly ?? false));
    if (!found || found.protected === true || !matches(found)) throw error;
    return run.send("password of a user whose create answer was lost", (call) => steps.claim(found, call));
  }
}

function isTaken<U extends DatabaseUser, R>(error: DatabaseUsersError, steps: CreateSteps<U, R>): boolean {
  return error instanceof ConflictError || (steps.isNameTaken?.(error) ?? false);
}
