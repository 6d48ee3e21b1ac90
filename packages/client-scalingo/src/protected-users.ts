import { PermissionError, ValidationError } from "@dbusers/core";
import type { ScalingoUser } from "./map-user.ts";
import { scalingo } from "./vendor.ts";

const { provider } = scalingo;

/** What a protected user is refused: a password change (chosen or reset), or deletion. */
export type ProtectedChange = "changed" | "deleted";

/**
 * The users an adapter knows to be protected: the database's owner, which Scalingo creates with the
 * database and refuses to change or delete. A change of one of them is refused before anything is sent;
 * for the others, Scalingo's refusal becomes the same `PermissionError` (and teaches the name).
 * Names are compared regardless of case, as Scalingo's CLI compares them before deleting a user
 * (`strings.EqualFold`): `MY_APP_4553` is the protected `my_app_4553`.
 */
export class ProtectedUsers {
  #names = new Set<string>();

  /** What a full list says, replacing what was known. */
  learn(users: readonly ScalingoUser[]): void {
    this.#names = new Set(users.filter((user) => user.protected).map((user) => folded(user.name)));
  }

  /** Throws the `PermissionError` for a user already known to be protected. */
  refuseKnown(name: string, change: ProtectedChange): void {
    if (this.#names.has(folded(name))) {
      throw new PermissionError(
        `scalingo: user "${name}" is protected: Scalingo manages it with the database, so it cannot be ${change}`,
        { provider },
      );
    }
  }

  /**
   * Scalingo's answer to a change of a protected user, whose status it does not document (the spec says
   * 403 or 422): a 403 stays the `PermissionError` it already is, a 422 that says "protected" becomes
   * one. Either way the name is remembered. Any other error is returned as it is.
   */
  fromVendor(error: unknown, name: string): unknown {
    const aboutProtection = error instanceof Error && /\bprotected\b/i.test(error.message);
    if (!aboutProtection || !(error instanceof PermissionError || error instanceof ValidationError))
      return error;
    this.#names.add(folded(name));
    if (error instanceof PermissionError) return error;
    return new PermissionError(error.message, {
      provider,
      ...(error.status === undefined ? {} : { status: error.status }),
      ...(error.requestId === undefined ? {} : { requestId: error.requestId }),
      ...(error.vendorCode === undefined ? {} : { vendorCode: error.vendorCode }),
      // What the request proved (a refusal: nothing done), which a mutation's outcome is read from.
      ...(error.$metadata === undefined ? {} : { $metadata: error.$metadata }),
      cause: error,
    });
  }
}

function folded(name: string): string {
  return name.toLowerCase();
}
