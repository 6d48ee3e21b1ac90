// apply(): carries out a plan's changes one at a time, each ending with a known outcome or saying that
// it is unknown. Nothing is retried here: the adapters' mutation engine already did what can be done
// safely, and planning again (which reads the target afresh) is how apply converges.
import { DatabaseUsersError, type OperationOptions, type Secret } from "@dbusers/core";
import type { ApplyOptions, ApplyResult, Change, ChangeError, ChangeResult, Plan, Target } from "./types.ts";
import { rulesFor } from "./vendors/index.ts";
import type { VendorRules } from "./vendors/rules.ts";

/**
 * Carries out `plan` (from `plan(target)`) on `target`. Resolves with every change's result, failed
 * ones included; it throws only for a caller's abort. A change whose status is `unknown` was sent and
 * its answer lost: `plan()` again shows whether it happened.
 */
export async function apply(target: Target, planned: Plan, options: ApplyOptions = {}): Promise<ApplyResult> {
  const { users } = target;
  const rules = rulesFor(users.provider);
  const call: OperationOptions = options.signal === undefined ? {} : { signal: options.signal };
  const total = planned.changes.length;
  const results: ChangeResult[] = [];
  for (const [index, change] of planned.changes.entries()) {
    options.onProgress?.({ index, total, change });
    const result = await carryOut(target, rules, change, call);
    results.push(result);
    options.onProgress?.({ index, total, change, result });
  }
  return {
    target: planned.target,
    provider: planned.provider,
    results,
    ok: results.every((result) => result.status === "done"),
  };
}

async function carryOut(
  { users }: Target,
  rules: VendorRules,
  change: Change,
  call: OperationOptions,
): Promise<ChangeResult> {
  let password: Secret | undefined;
  try {
    switch (change.action) {
      case "create": {
        ({ password } = await users.create(rules.createInput(change.desired), call));
        await rules.afterCreate?.(users, change.desired, call);
        break;
      }
      case "update":
        await rules.update?.(users, change.desired, change.fields, call);
        break;
      case "delete":
        await users.delete(change.name, call);
        break;
    }
    return { change, status: "done", ...(password === undefined ? {} : { password }) };
  } catch (error) {
    if (call.signal?.aborted && error === call.signal.reason) throw error;
    const failure = changeError(error, password !== undefined);
    return {
      change,
      status: failure.outcome === "unknown" ? "unknown" : "failed",
      error: failure,
      // A create whose follow-up failed did create the user: its password is handed out all the same.
      ...(password === undefined ? {} : { password }),
    };
  }
}

/** An error as printable facts. One without an outcome (not a mutation's) is taken as unknown. */
function changeError(error: unknown, created: boolean): ChangeError {
  const known = error instanceof DatabaseUsersError;
  const message = error instanceof Error ? error.message : "a non-Error value was thrown";
  return {
    name: error instanceof Error ? error.name : "Error",
    code: known ? error.code : "unexpected",
    message: created ? `the user was created, then: ${message}` : message,
    outcome: (known ? error.outcome : undefined) ?? "unknown",
    ...(known && error.step !== undefined ? { step: error.step } : {}),
  };
}
