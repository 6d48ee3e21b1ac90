// Cloud 66: user type and databases are set at creation; Cloud 66 has no call that changes them.
import type { Cloud66UserRaw } from "@dbusers/client-cloud66";
import type { DatabaseUser } from "@dbusers/core";
import type { FieldChange } from "../types.ts";
import type { VendorRules } from "./rules.ts";

// The user types `readOnly` already says (Cloud 66's examples); any other is declared as cloud66.userType.
const IMPLIED_BY_READ_ONLY = new Set(["application", "readonly"]);

const userTypeOf = (user: DatabaseUser) => (user.raw as Partial<Cloud66UserRaw> | undefined)?.user_type;

export const cloud66Rules: VendorRules = {
  section: "cloud66",
  unsupported: {},
  createInput: ({ name, readOnly, databases, cloud66 }) => ({
    name,
    ...(readOnly === undefined ? {} : { readOnly }),
    ...(databases === undefined ? {} : { databases }),
    ...(cloud66?.userType === undefined ? {} : { userType: cloud66.userType }),
  }),
  compare({ cloud66 }, actual) {
    const drift: FieldChange[] = [];
    const userType = userTypeOf(actual);
    if (cloud66?.userType !== undefined && cloud66.userType !== userType) {
      drift.push({ field: "cloud66.userType", actual: userType, desired: cloud66.userType });
    }
    return { update: [], drift };
  },
  imported(actual) {
    const userType = userTypeOf(actual);
    return {
      ...(actual.readOnly === undefined ? {} : { readOnly: actual.readOnly }),
      ...(actual.databases === undefined ? {} : { databases: actual.databases }),
      ...(userType === undefined || IMPLIED_BY_READ_ONLY.has(userType) ? {} : { cloud66: { userType } }),
    };
  },
};
