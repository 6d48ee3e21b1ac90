import { type CreateUserInput, UnsupportedOperationError, type ValidationIssue } from "@dbusers/core";
import { checkNonEmptyString, checkOptionalBoolean, throwIfInvalid } from "@dbusers/core/adapter";
import { READ_ONLY_USER_TYPE } from "./map-user.ts";
import type { Cloud66CreateUserBody } from "./types.ts";
import { cloud66 } from "./vendor.ts";

const { provider } = cloud66;

export interface Cloud66CreateUserInput extends CreateUserInput {
  /**
   * Cloud 66's `user_type`, e.g. `application` or `readonly` (its examples; the list of supported types
   * is not published). `readOnly: true` is `readonly`. Default: Cloud 66's (`application`).
   */
  userType?: string;
  /** The UIDs of the server group's databases the user may access, e.g. `["db_abc123"]`. */
  databases?: string[];
}

/** Maps the create input onto Cloud 66's body, refusing what it cannot express before anything is sent. */
export function createBody(input: Cloud66CreateUserInput): Cloud66CreateUserBody {
  throwIfInvalid(checkNonEmptyString(input?.name, "name"), provider);
  if (input.password !== undefined) {
    throw new UnsupportedOperationError(
      "cloud66: passwords cannot be chosen; Cloud 66 generates one and create() returns it",
      { provider },
    );
  }
  const { readOnly, userType, databases } = input;
  const issues: ValidationIssue[] = [...checkOptionalBoolean(readOnly, "readOnly")];
  if (userType !== undefined) issues.push(...checkNonEmptyString(userType, "userType"));
  // Both given must say the same: `readOnly: true` is user_type readonly, `readOnly: false` any other.
  if (
    typeof readOnly === "boolean" &&
    userType !== undefined &&
    readOnly !== (userType === READ_ONLY_USER_TYPE)
  ) {
    issues.push({
      path: "userType",
      message: readOnly
        ? `contradicts readOnly: true (user_type ${READ_ONLY_USER_TYPE})`
        : `contradicts readOnly: false (user_type ${READ_ONLY_USER_TYPE} is read-only)`,
    });
  }
  if (databases !== undefined && !Array.isArray(databases)) {
    issues.push({ path: "databases", message: "must be an array of database UIDs" });
  } else if (databases !== undefined) {
    issues.push(...databases.flatMap((uid, i) => checkNonEmptyString(uid, `databases.${i}`)));
  }
  throwIfInvalid(issues, provider);
  const type = readOnly === true ? READ_ONLY_USER_TYPE : userType;
  return {
    username: input.name,
    ...(type === undefined ? {} : { user_type: type }),
    ...(databases === undefined ? {} : { database_ids: databases }),
  };
}
