// Scalingo: a user is a name and its read_only flag, which cannot change in place.
import type { VendorRules } from "./rules.ts";

export const scalingoRules: VendorRules = {
  section: "scalingo",
  unsupported: { databases: "a Scalingo user reaches its addon's one database" },
  createInput: ({ name, readOnly }) => ({ name, ...(readOnly === undefined ? {} : { readOnly }) }),
  compare: () => ({ update: [], drift: [] }),
  imported: (actual) => (actual.readOnly === undefined ? {} : { readOnly: actual.readOnly }),
};
