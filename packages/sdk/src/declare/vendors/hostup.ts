// HostUp: privileges are granted per database after the user exists. HostUp's user object carries no
// privileges, so they cannot be compared: they are granted at creation, and again with `regrant`.
import type { HostUpUsers } from "@dbusers/client-hostup";
import type { DatabaseUsers, OperationOptions } from "@dbusers/core";
import type { DesiredUser } from "../types.ts";
import { type VendorRules, vendorUsers } from "./rules.ts";

const FIELD = "hostup.privileges";

async function grantDeclared(users: DatabaseUsers, desired: DesiredUser, options: OperationOptions) {
  const hostup = vendorUsers<HostUpUsers>(users);
  for (const [database, privileges] of Object.entries(desired.hostup?.privileges ?? {})) {
    await hostup.grantPrivileges(desired.name, database, privileges, options);
  }
}

const hasPrivileges = (desired: DesiredUser) => Object.keys(desired.hostup?.privileges ?? {}).length > 0;

export const hostUpRules: VendorRules = {
  section: "hostup",
  unsupported: {
    readOnly: 'HostUp users have no read-only flag: declare hostup.privileges { <database>: ["SELECT"] }',
    databases: "HostUp users reach databases through hostup.privileges",
  },
  createInput: ({ name }) => ({ name }),
  afterCreate: grantDeclared,
  compare: (desired, _actual, regrant) => ({
    update:
      regrant && hasPrivileges(desired)
        ? [{ field: FIELD, actual: undefined, desired: desired.hostup?.privileges }]
        : [],
    drift: [],
  }),
  update: (users, desired, _fields, options) => grantDeclared(users, desired, options),
  imported: () => ({}),
  notes: (desired, regrant) =>
    !regrant && desired.some(hasPrivileges)
      ? [
          "HostUp reports no privileges: declared privileges are granted when a user is created; regrant grants them to existing users again",
        ]
      : [],
};
