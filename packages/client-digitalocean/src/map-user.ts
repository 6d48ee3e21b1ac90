import { type DatabaseUser, PermissionError, Secret } from "@dbusers/core";
import { expectObject, expectString, withoutSecretFields } from "@dbusers/core/adapter";
import type { DigitalOceanDatabaseUser } from "./types.ts";

/**
 * DigitalOcean's user object as the adapter hands it out in `raw`: the password, and any other
 * credential-named field the spec does not declare, is taken out (the password is returned once, as a
 * `Secret`, by create and resetPassword) and the Kafka private key is wrapped in a `Secret`, so that logging or serialising a user can never leak a credential.
 */
export type DigitalOceanUserRaw = Omit<DigitalOceanDatabaseUser, "password" | "access_key"> & {
  access_key?: Secret;
};

export type DigitalOceanUser = DatabaseUser<DigitalOceanUserRaw>;

/** Fields named like credentials that are not: the Kafka certificate is public (its private key is not). */
const PUBLIC_FIELDS = ["access_cert"];

/** Checks what the adapter relies on (an object with a name) and maps it; `what` names it in errors. */
export function toDatabaseUser(value: DigitalOceanDatabaseUser, what = "user"): DigitalOceanUser {
  const user = expectObject(value, what);
  const name = expectString(user.name, `${what}.name`);
  const { access_key } = user;
  const rest = withoutSecretFields(user, PUBLIC_FIELDS) as Omit<
    DigitalOceanDatabaseUser,
    "password" | "access_key"
  >;
  const raw: DigitalOceanUserRaw =
    access_key === undefined ? rest : { ...rest, access_key: new Secret(access_key) };
  const mongo = user.settings?.mongo_user_settings;
  // The optional fields are set after, not spread from conditional objects: this runs for every
  // listed user.
  const mapped: DigitalOceanUser = {
    provider: "digitalocean",
    // DigitalOcean addresses users by name; there is no separate id.
    id: name,
    name,
    // The primary user (doadmin) is created with the cluster and cannot be deleted.
    protected: user.role === "primary",
    raw,
  };
  if (user.role !== undefined) mapped.role = user.role;
  if (mongo?.role !== undefined) mapped.readOnly = mongo.role === "readOnly";
  if (mongo?.databases !== undefined) mapped.databases = mongo.databases;
  return mapped;
}

/**
 * The password of a user DigitalOcean just created or reset. It is present only when the token has
 * the `database:view_credentials` scope; without it the operation did happen, so the error says how
 * to get a password rather than pretending nothing was done.
 */
export function passwordOf(user: DigitalOceanDatabaseUser, operation: string): Secret {
  if (user.password === undefined) {
    throw new PermissionError(
      `digitalocean: ${operation} of user "${user.name}" succeeded, but DigitalOcean withheld the password ` +
        "because the token lacks the database:view_credentials scope; grant it and call resetPassword",
      { provider: "digitalocean" },
    );
  }
  return new Secret(expectString(user.password, "user.password"));
}
