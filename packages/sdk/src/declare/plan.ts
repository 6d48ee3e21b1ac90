// plan(): what apply() would do to make a target's users what is declared, from one listing of the
// target. Nothing is sent but that listing.
import type { DatabaseUser } from "@dbusers/core";
import { checkDeclaration } from "./check.ts";
import { sameSet } from "./match.ts";
import type { Change, DesiredUser, Drift, FieldChange, Plan, PlanOptions, Target } from "./types.ts";
import { rulesFor } from "./vendors/index.ts";
import type { VendorRules } from "./vendors/rules.ts";

const RECREATE =
  "changing it needs the user re-created (delete, then create: a new password); apply leaves it to you";
const PROTECTED = "a protected user is never changed by apply";

/**
 * The plan for `target`: creates for declared users it lacks, updates for vendor attributes that change
 * in place, drift for differences that do not, and (with `prune`) deletes for users it has and the
 * declaration does not name. Protected users (DigitalOcean's primary, Scalingo's owner) are never
 * planned for deletion or change.
 */
export async function plan(target: Target, options: PlanOptions = {}): Promise<Plan> {
  const { users, desired } = target;
  const rules = rulesFor(users.provider);
  checkDeclaration(users.provider, desired);
  const actual = await users.list(options.signal === undefined ? undefined : { signal: options.signal });
  const byName = new Map(actual.map((user) => [user.name, user]));
  const declared = new Set(desired.map((user) => user.name));
  const regrant = options.regrant === true;

  const creates: Change[] = [];
  const updates: Change[] = [];
  const drift: Drift[] = [];
  for (const wanted of desired) {
    const existing = byName.get(wanted.name);
    if (existing === undefined) {
      creates.push({ action: "create", name: wanted.name, desired: wanted });
      continue;
    }
    const diff = differences(wanted, existing, rules, regrant);
    if (existing.protected === true) {
      const fields = [...diff.update, ...diff.drift];
      if (fields.length > 0) drift.push({ name: wanted.name, fields, reason: PROTECTED });
      continue;
    }
    if (diff.update.length > 0) {
      updates.push({ action: "update", name: wanted.name, desired: wanted, fields: diff.update });
    }
    if (diff.drift.length > 0) drift.push({ name: wanted.name, fields: diff.drift, reason: RECREATE });
  }

  const undeclared = actual.filter((user) => !declared.has(user.name));
  const protectedUsers = undeclared.filter((user) => user.protected === true).map((user) => user.name);
  const removable = undeclared.filter((user) => user.protected !== true);
  const deletes: Change[] =
    options.prune === true
      ? removable.map((user) => ({ action: "delete", name: user.name, actual: user }))
      : [];

  return {
    target: target.name ?? users.provider,
    provider: users.provider,
    changes: [...creates, ...updates, ...deletes],
    drift,
    unmanaged: options.prune === true ? [] : removable.map((user) => user.name),
    protectedUsers,
    notes: rules.notes?.(desired, regrant) ?? [],
  };
}

/** Whether a plan finds anything to do or to report: what `plan --detailed-exitcode` exits 3 for. */
export function hasDifferences(result: Plan): boolean {
  return result.changes.length > 0 || result.drift.length > 0;
}

/** The common fields (read-only, databases) differ only by drift: no vendor changes them in place. */
function differences(
  wanted: DesiredUser,
  existing: DatabaseUser,
  rules: VendorRules,
  regrant: boolean,
): { update: FieldChange[]; drift: FieldChange[] } {
  const vendor = rules.compare(wanted, existing, regrant);
  const common: FieldChange[] = [];
  if (
    wanted.readOnly !== undefined &&
    existing.readOnly !== undefined &&
    wanted.readOnly !== existing.readOnly
  ) {
    common.push({ field: "readOnly", actual: existing.readOnly, desired: wanted.readOnly });
  }
  if (
    wanted.databases !== undefined &&
    existing.databases !== undefined &&
    !sameSet(wanted.databases, existing.databases)
  ) {
    common.push({ field: "databases", actual: existing.databases, desired: wanted.databases });
  }
  return { update: vendor.update, drift: [...common, ...vendor.drift] };
}
