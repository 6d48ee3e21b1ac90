import type { DatabaseUser } from "@dbusers/core";
import { expectObject, expectString, withoutSecretFields } from "@dbusers/core/adapter";
import type { ScalingoDatabaseUser } from "./types.ts";

/**
 * Scalingo's user object as the adapter hands it out in `raw`: the password, and any other
 * credential-named field Scalingo may add, is taken out (the password is returned once, as a `Secret`,
 * by create and resetPassword), so that logging or serialising a user can never leak it.
 */
export type ScalingoUserRaw = Omit<ScalingoDatabaseUser, "password">;

export type ScalingoUser = DatabaseUser<ScalingoUserRaw>;

/** Checks what the adapter relies on (an object with a name) and maps it; `what` names it in errors. */
export function toDatabaseUser(value: ScalingoDatabaseUser, what = "user"): ScalingoUser {
  const user = expectObject(value, what);
  const name = expectString(user.name, `${what}.name`);
  const raw: ScalingoUserRaw = withoutSecretFields(user);
  return {
    provider: "scalingo",
    // Scalingo addresses users by name; there is no separate id.
    id: name,
    name,
    ...(typeof user.read_only === "boolean" ? { readOnly: user.read_only } : {}),
    // The database's owner, created with it and named like it: it cannot be changed or deleted.
    ...(typeof user.protected === "boolean" ? { protected: user.protected } : {}),
    raw,
  };
}

/**
 * The user in an answer to create, update or reset: rooted under `database_user`, as Scalingo's
 * clients decode it, or bare, as its documentation shows it.
 */
export function userOf(body: unknown): ScalingoDatabaseUser {
  const object = expectObject(body as Record<string, unknown> | undefined, "body");
  return expectObject(
    ("database_user" in object ? object.database_user : object) as ScalingoDatabaseUser,
    "database_user",
  );
}
