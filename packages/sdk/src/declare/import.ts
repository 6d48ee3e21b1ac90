// importDeclaration(): a target's current users as a declaration that plans no change.
import type { DatabaseUsers, OperationOptions } from "@dbusers/core";
import type { DesiredUser } from "./types.ts";
import { rulesFor } from "./vendors/index.ts";

export interface ImportedDeclaration {
  provider: string;
  users: DesiredUser[];
  /** Protected users are left out: a declaration cannot create or delete them. */
  protectedUsers: string[];
}

/** Lists `users` and writes each one (protected users aside) as a `DesiredUser` with what the vendor reports. */
export async function importDeclaration(
  users: DatabaseUsers,
  options: OperationOptions = {},
): Promise<ImportedDeclaration> {
  const rules = rulesFor(users.provider);
  const actual = await users.list(options);
  const managed = actual.filter((user) => user.protected !== true);
  return {
    provider: users.provider,
    users: managed.map((user) => ({ name: user.name, ...rules.imported(user) })),
    protectedUsers: actual.filter((user) => user.protected === true).map((user) => user.name),
  };
}
