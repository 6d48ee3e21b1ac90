import type { DatabaseUser } from "@dbusers/sdk";

/** What the CLI shows of a user: the normalized fields, without the vendor's raw object. */
export function userSummary(user: DatabaseUser): Record<string, unknown> {
  const { raw: _raw, provider: _provider, ...fields } = user;
  return fields;
}

export const USER_COLUMNS = ["NAME", "ID", "READ-ONLY", "ROLE", "PROTECTED", "DATABASES"] as const;

export function userRow(user: DatabaseUser): unknown[] {
  return [
    user.name,
    user.id === user.name ? "" : user.id,
    user.readOnly,
    user.role,
    user.protected || "",
    user.databases,
  ];
}
