// A declaration is checked whole before anything is read or sent: every problem named at once.
import { ValidationError, type ValidationIssue } from "@dbusers/core";
import type { DesiredUser } from "./types.ts";
import { rulesFor, VENDOR_RULES } from "./vendors/index.ts";
import type { VendorRules } from "./vendors/rules.ts";

/**
 * Throws one ValidationError naming every problem of `desired` for a target of `provider`; its issues'
 * paths (`users.1.name`) point into the declaration. plan() calls it before reading anything.
 */
export function checkDeclaration(provider: string, desired: readonly DesiredUser[]): void {
  const rules = rulesFor(provider);
  const issues: ValidationIssue[] = [];
  const seen = new Set<string>();
  if (!Array.isArray(desired)) {
    issues.push({ path: "users", message: "must be a list of users" });
  } else {
    for (const [i, user] of desired.entries()) issues.push(...checkUser(user, `users.${i}`, rules, seen));
  }
  if (issues.length === 0) return;
  const summary = issues.map((issue) => `${issue.path} ${issue.message}`).join("; ");
  throw new ValidationError(`${rules.section}: declaration: ${summary}`, { provider: rules.section, issues });
}

function checkUser(
  user: DesiredUser,
  path: string,
  rules: VendorRules,
  seen: Set<string>,
): ValidationIssue[] {
  if (typeof user !== "object" || user === null) return [{ path, message: "must be an object" }];
  if (typeof user.name !== "string" || user.name === "") {
    return [{ path: `${path}.name`, message: "must be a non-empty string" }];
  }
  const issues: ValidationIssue[] = [];
  if (seen.has(user.name))
    issues.push({ path: `${path}.name`, message: `repeats ${JSON.stringify(user.name)}` });
  seen.add(user.name);
  for (const section of Object.keys(VENDOR_RULES)) {
    if (section !== rules.section && user[section as keyof DesiredUser] !== undefined) {
      issues.push({
        path: `${path}.${section}`,
        message: `is for ${section}; this target is ${rules.section}`,
      });
    }
  }
  const { readOnly, databases } = rules.unsupported;
  if (readOnly !== undefined && user.readOnly === true)
    issues.push({ path: `${path}.readOnly`, message: readOnly });
  if (databases !== undefined && user.databases !== undefined) {
    issues.push({ path: `${path}.databases`, message: databases });
  }
  return issues;
}
