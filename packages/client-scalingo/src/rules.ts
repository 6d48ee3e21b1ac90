// Scalingo's rules for new users, checked before anything is sent (the Database API documentation,
// "Create a New User", since 2024-08-29; the same rules are in specs/scalingo.yaml).
import { isSecret, Secret, type ValidationIssue } from "@dbusers/core";
import { checkNonEmptyString, generatePassword } from "@dbusers/core/adapter";

const NAME_LENGTH = { min: 6, max: 32 };
const PASSWORD_LENGTH = { min: 24, max: 64 };

/**
 * A new user's name: "between 6 and 32 lower case alphanumerical characters and hyphens. It can't have
 * an hyphen at the beginning or at the end, nor two hyphens in a row." Each broken rule is one issue.
 * Existing users are not held to it: the database's owner (`my_app_4553`) and users created before
 * the rule may break it.
 */
export function checkNewUserName(value: unknown, field = "name"): ValidationIssue[] {
  const issues = checkNonEmptyString(value, field);
  if (issues.length > 0) return issues;
  const name = value as string;
  const broken: string[] = [];
  if (name.length < NAME_LENGTH.min || name.length > NAME_LENGTH.max) {
    broken.push(`must have between ${NAME_LENGTH.min} and ${NAME_LENGTH.max} characters`);
  }
  if (!/^[a-z0-9-]*$/.test(name)) broken.push("must contain only lower-case letters, digits and hyphens");
  if (name.startsWith("-") || name.endsWith("-")) broken.push("must not start or end with a hyphen");
  if (name.includes("--")) broken.push("must not contain two hyphens in a row");
  return broken.map((message) => ({ path: field, message }));
}

/** A chosen password: "between 24 and 64 characters long" (counted in characters, as Scalingo does). */
export function checkPassword(value: unknown, field = "password"): ValidationIssue[] {
  const text = isSecret(value) ? value.reveal() : value;
  if (typeof text !== "string") return [{ path: field, message: "must be a string or a Secret" }];
  const length = [...text].length;
  return length < PASSWORD_LENGTH.min || length > PASSWORD_LENGTH.max
    ? [
        {
          path: field,
          message: `must be between ${PASSWORD_LENGTH.min} and ${PASSWORD_LENGTH.max} characters long`,
        },
      ]
    : [];
}

/**
 * A password for a user created without one: chosen here, as Scalingo's CLI does (64 characters,
 * letters and digits), so that the caller always gets a password it knows, whatever the answer holds.
 */
export function newPassword(): Secret {
  return new Secret(generatePassword({ length: PASSWORD_LENGTH.max }));
}
