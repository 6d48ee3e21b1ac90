import { type DatabaseUser, PermissionError, Secret } from "@dbusers/core";
import {
  checkPathSegment,
  expectObject,
  expectString,
  ResponseShapeError,
  withoutSecretFields,
} from "@dbusers/core/adapter";
import type { Cloud66DatabaseUser } from "./types.ts";

/** The `user_type` of read-only users in Cloud 66's examples (`readonly_user`). */
export const READ_ONLY_USER_TYPE = "readonly";
/** The `user_type` of the other users in Cloud 66's examples. */
const APPLICATION_USER_TYPE = "application";

/**
 * Cloud 66's user object as the adapter hands it out in `raw`: the password, and any other
 * credential-named field the spec does not declare, is taken out (create and resetPassword return the
 * password, once, as a `Secret`) and the password hash is wrapped in a `Secret`, so that
 * logging or serialising a user can never leak a credential.
 */
export type Cloud66UserRaw = Omit<Cloud66DatabaseUser, "password" | "password_hash"> & {
  password_hash?: Secret;
};

export type Cloud66User = DatabaseUser<Cloud66UserRaw>;

/**
 * Checks what the adapter relies on (an object with a `uid` that can go into a path, and a `username`)
 * and maps it; `what` names it in errors.
 */
export function toDatabaseUser(value: Cloud66DatabaseUser, what = "user"): Cloud66User {
  const user = expectObject(value, what);
  const uid = expectString(user.uid, `${what}.uid`);
  // The uid goes into the paths of delete and regenerate_password: `..` would reach another resource.
  const [unsafe] = checkPathSegment(uid, `${what}.uid`);
  if (unsafe) throw new ResponseShapeError(`${unsafe.path} ${unsafe.message}`);
  const name = expectString(user.username, `${what}.username`);
  const { password_hash } = user;
  const rest = withoutSecretFields(user) as Omit<Cloud66DatabaseUser, "password" | "password_hash">;
  const raw: Cloud66UserRaw =
    password_hash === undefined ? rest : { ...rest, password_hash: new Secret(password_hash) };
  const createdAt = dateOf(user.created_at ?? user.created_at_iso);
  return {
    provider: "cloud66",
    // Cloud 66's routes take the uid, not the name.
    id: uid,
    name,
    ...(user.user_type === undefined ? {} : { role: user.user_type }),
    ...readOnlyOf(user.user_type),
    ...(user.databases === undefined ? {} : { databases: user.databases }),
    ...(user.host === undefined ? {} : { host: user.host }),
    ...(createdAt === undefined ? {} : { createdAt }),
    raw,
  };
}

// Only the two documented types say anything about write access; any other is left unsaid.
function readOnlyOf(userType: string | undefined): { readOnly?: boolean } {
  if (userType === READ_ONLY_USER_TYPE) return { readOnly: true };
  if (userType === APPLICATION_USER_TYPE) return { readOnly: false };
  return {};
}

function dateOf(value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/**
 * The password of a user Cloud 66 just created or gave a new one, as `show_password=true` lists it.
 * Without it the operation did happen, so the error says so rather than pretending nothing was done.
 */
export function passwordOf(user: Cloud66DatabaseUser, operation: string): Secret {
  if (user.password === undefined) {
    throw new PermissionError(
      `cloud66: ${operation} of database user "${user.username}" succeeded, but Cloud 66 listed it without ` +
        "its password; showing passwords needs edit permissions on the stack and the admin scope",
      { provider: "cloud66" },
    );
  }
  return new Secret(expectString(user.password, "user.password"));
}
