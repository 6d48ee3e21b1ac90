// HostUp makes the caller choose database users' passwords. The rule (`database_user_password` in
// specs/hostup.yaml) is unverified: HostUp documents it for its cPanel and mailbox passwords only.
import { isSecret, type Secret, type ValidationIssue } from "@dbusers/core";
import { generatePassword } from "@dbusers/core/adapter";

const MIN_LENGTH = 8;
const MAX_LENGTH = 128;
const CLASSES: ReadonlyArray<[RegExp, string]> = [
  [/[A-Z]/, "an upper-case letter"],
  [/[a-z]/, "a lower-case letter"],
  [/[0-9]/, "a digit"],
];
// Letters and digits only: 32 of them are 190 bits, and no character needs quoting in a connection
// string, a shell or a `.env` file.
const GENERATED_LENGTH = 32;

/** The issues of a chosen password; they say what is missing, never what the password is. */
export function checkPassword(value: unknown, field: string): ValidationIssue[] {
  const password = isSecret(value) ? value.reveal() : value;
  if (typeof password !== "string") return [{ path: field, message: "must be a string or a Secret" }];
  const length = [...password].length;
  const issues: ValidationIssue[] = [];
  if (length < MIN_LENGTH || length > MAX_LENGTH) {
    issues.push({ path: field, message: `must be ${MIN_LENGTH} to ${MAX_LENGTH} characters long` });
  }
  const missing = CLASSES.filter(([pattern]) => !pattern.test(password)).map(([, what]) => what);
  if (missing.length > 0) issues.push({ path: field, message: `must contain ${missing.join(", ")}` });
  return issues;
}

/** The plain value of a password `checkPassword` accepted. */
export function passwordValue(password: string | Secret): string {
  return isSecret(password) ? password.reveal() : password;
}

/**
 * A crypto-random password that meets the rule, for `create` without one and `resetPassword`. It never
 * contains the user's name (case aside), which cPanel-style checks refuse as weak: drawn again, which a
 * short name makes likely only for names of one or two characters.
 */
export function generateHostUpPassword(username: string): string {
  const name = username.toLowerCase();
  for (;;) {
    const password = generatePassword({ length: GENERATED_LENGTH, classes: ["lower", "upper", "digit"] });
    if (!password.toLowerCase().includes(name)) return password;
  }
}
