// HostUp makes the caller choose database users' passwords, and documents no rule for them: the rule in
// specs/hostup.yaml (`database_user_password`: 8-128 characters, upper, lower, digit) is the one of its
// cPanel and mailbox passwords, marked `x-dbusers-unverified`. A guess never refuses, so a chosen
// password is only checked to be one (HostUp's own example, `YOUR_DATABASE_PASSWORD`, fails the guess);
// HostUp's refusal of it (400 `password_too_weak` or `invalid_request`) is still a ValidationError.
// Generated passwords keep well inside the guess, so that they are accepted on the first try.
import { isSecret, type Secret, type ValidationIssue } from "@dbusers/core";
import { generatePassword } from "@dbusers/core/adapter";

// Letters and digits only: 32 of them are 190 bits, and no character needs quoting in a connection
// string, a shell or a `.env` file.
const GENERATED_LENGTH = 32;

/** The issues of a chosen password: only that it is one, a string or a `Secret`; never its value. */
export function checkPassword(value: unknown, field: string): ValidationIssue[] {
  const password = isSecret(value) ? value.reveal() : value;
  return typeof password === "string" ? [] : [{ path: field, message: "must be a string or a Secret" }];
}

/** The plain value of a password `checkPassword` accepted. */
export function passwordValue(password: string | Secret): string {
  return isSecret(password) ? password.reveal() : password;
}

/**
 * A crypto-random password for `create` without one and `resetPassword`, with an upper-case letter, a
 * lower-case letter and a digit. It never contains the user's name (case aside), which cPanel-style
 * checks refuse as weak: drawn again, which a short name makes likely only for names of one or two
 * characters.
 */
export function generateHostUpPassword(username: string): string {
  const name = username.toLowerCase();
  for (;;) {
    const password = generatePassword({ length: GENERATED_LENGTH, classes: ["lower", "upper", "digit"] });
    if (!password.toLowerCase().includes(name)) return password;
  }
}
