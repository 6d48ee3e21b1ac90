import type { DatabaseUser } from "@dbusers/core";
import { expectObject, expectString, withoutSecretFields } from "@dbusers/core/adapter";
import type { HostUpDatabaseUser } from "./types.ts";

/** A HostUp database user: `id` is its public ID (`dbu_…`), `name` its MySQL username. */
export type HostUpUser = DatabaseUser<HostUpDatabaseUser>;

/** Checks what the adapter relies on (an id and a username) and maps it; `what` names it in errors. */
export function toDatabaseUser(value: HostUpDatabaseUser | undefined, what = "user"): HostUpUser {
  const user = expectObject(value, what);
  const id = expectString(user.id, `${what}.id`);
  const name = expectString(user.username, `${what}.username`);
  return {
    provider: "hostup",
    id,
    name,
    // `null` when HostUp does not report the host: left out rather than guessed.
    ...(typeof user.host === "string" ? { host: user.host } : {}),
    // HostUp declares no credential in a user; one it sends anyway is not handed out.
    raw: withoutSecretFields(user),
  };
}
