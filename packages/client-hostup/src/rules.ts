// HostUp's input rules from specs/hostup.yaml, checked before anything is sent. Each `check*` returns
// the issues of one value, naming the caller's field; test/rules.test.ts reads the spec and fails if a
// rule here drifts from it (a blank database name, which only the adapter refuses, aside).
import type { ValidationIssue } from "@dbusers/core";
import { checkNonEmptyString } from "@dbusers/core/adapter";
import type { HostUpPrivilege } from "./types.ts";

/** `database_username`: "letters, numbers, and underscores, up to 64 characters" (ASCII, as MySQL's). */
const USERNAME = /^[A-Za-z0-9_]+$/;
const USERNAME_MAX_LENGTH = 64;
/** `database_name`: MySQL's limit on database names. */
const DATABASE_MAX_LENGTH = 64;

// Keyed by the spec's enum: a privilege missing here, or one the spec does not have, fails to compile.
const PRIVILEGE_SET: Readonly<Record<HostUpPrivilege, true>> = {
  "ALL PRIVILEGES": true,
  ALTER: true,
  "ALTER ROUTINE": true,
  CREATE: true,
  "CREATE ROUTINE": true,
  "CREATE TEMPORARY TABLES": true,
  "CREATE VIEW": true,
  DELETE: true,
  DROP: true,
  EVENT: true,
  EXECUTE: true,
  INDEX: true,
  INSERT: true,
  "LOCK TABLES": true,
  REFERENCES: true,
  SELECT: true,
  "SHOW VIEW": true,
  TRIGGER: true,
  UPDATE: true,
};

/** The MySQL privileges HostUp grants on a database, canonical spelling; `ALL PRIVILEGES` means every one. */
export const HOSTUP_PRIVILEGES: readonly HostUpPrivilege[] = Object.freeze(
  Object.keys(PRIVILEGE_SET) as HostUpPrivilege[],
);

/** A new user's name: ASCII letters, digits and underscores, 1 to 64 of them. */
export function checkUsername(value: unknown, field: string): ValidationIssue[] {
  if (typeof value !== "string" || value === "") {
    return [{ path: field, message: "must be a non-empty string" }];
  }
  const issues: ValidationIssue[] = [];
  if (!USERNAME.test(value)) {
    issues.push({ path: field, message: "may contain only letters, digits and underscores" });
  }
  if (value.length > USERNAME_MAX_LENGTH) {
    issues.push({ path: field, message: `must be at most ${USERNAME_MAX_LENGTH} characters` });
  }
  return issues;
}

/**
 * A database of the account (`GET …/databases` `databases[].name`): 1 to 64 characters, not all of
 * them blank. The spec's `database_name` allows blanks (it has no pattern), but no database is named
 * `"   "`: sending one could only fail, or reach a database the caller did not mean.
 */
export function checkDatabase(value: unknown, field: string): ValidationIssue[] {
  const blank = checkNonEmptyString(value, field);
  if (blank.length > 0) return blank;
  return [...(value as string)].length > DATABASE_MAX_LENGTH
    ? [{ path: field, message: `must be at most ${DATABASE_MAX_LENGTH} characters` }]
    : [];
}

/**
 * A list of privileges to send. HostUp publishes no list of them (`HOSTUP_PRIVILEGES` is the spec's
 * guess) and documents that lower-case aliases such as `select` are accepted: a name is checked to be
 * one, and a repeat is refused; which names exist is left to HostUp, whose refusal is a ValidationError.
 */
export function checkPrivileges(value: unknown, field: string): ValidationIssue[] {
  if (!Array.isArray(value) || value.length === 0) {
    return [{ path: field, message: "must be a non-empty list of MySQL privileges" }];
  }
  const seen = new Set<string>();
  const issues: ValidationIssue[] = [];
  value.forEach((privilege: unknown, i) => {
    const path = `${field}.${i}`;
    if (typeof privilege !== "string" || privilege.trim() === "") {
      issues.push({ path, message: "must be the name of a MySQL privilege" });
      return;
    }
    const canonical = canonicalPrivilege(privilege);
    if (seen.has(canonical)) issues.push({ path, message: `repeats ${JSON.stringify(canonical)}` });
    seen.add(canonical);
  });
  return issues;
}

/** A privilege as HostUp's documentation asks it sent: upper case, single spaces (`select` → `SELECT`). */
export function canonicalPrivilege(privilege: string): string {
  return privilege.trim().replace(/\s+/g, " ").toUpperCase();
}
