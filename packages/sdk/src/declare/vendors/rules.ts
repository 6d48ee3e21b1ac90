// What the declarative core needs to know of a vendor: how a declared user becomes a create input, how
// its vendor attributes compare with what the vendor reports, and how they change in place.
import type { CreateUserInput, DatabaseUser, DatabaseUsers, OperationOptions } from "@dbusers/core";
import type { DesiredUser, FieldChange } from "../types.ts";

export interface AttributeDiff {
  /** Differences apply() changes in place. */
  update: FieldChange[];
  /** Differences it cannot change without re-creating the user. */
  drift: FieldChange[];
}

export interface VendorRules {
  /** The `DesiredUser` section this vendor owns (`digitalocean`, …); other vendors' sections are refused. */
  readonly section: "digitalocean" | "scalingo" | "cloud66" | "hostup";
  /** Which common fields a declaration may use on this vendor, with the reason when it may not. */
  readonly unsupported: Partial<Record<"readOnly" | "databases", string>>;
  createInput(desired: DesiredUser): CreateUserInput;
  /** Work a create needs after the user exists (HostUp: grants). */
  afterCreate?(users: DatabaseUsers, desired: DesiredUser, options: OperationOptions): Promise<void>;
  /** The vendor section's differences; `regrant` re-applies what the vendor cannot report. */
  compare(desired: DesiredUser, actual: DatabaseUser, regrant: boolean): AttributeDiff;
  /** Carries out an update's fields. */
  update?(
    users: DatabaseUsers,
    desired: DesiredUser,
    fields: readonly FieldChange[],
    options: OperationOptions,
  ): Promise<void>;
  /** The vendor section (and common fields) of a declaration that matches `actual`. */
  imported(actual: DatabaseUser): Omit<DesiredUser, "name">;
  /** What a plan of this vendor should say whatever the differences (e.g. attributes it cannot read). */
  notes?(desired: readonly DesiredUser[], regrant: boolean): string[];
}

/** The users client as the vendor's own type, once its provider is known. */
export function vendorUsers<T extends DatabaseUsers>(users: DatabaseUsers): T {
  return users as T;
}
