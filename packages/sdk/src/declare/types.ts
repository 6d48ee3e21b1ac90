// The declared state of a target's users, and what plan() and apply() say about it.
import type { DigitalOceanAuthPlugin, DigitalOceanUserSettings } from "@dbusers/client-digitalocean";
import type { HostUpPrivilege } from "@dbusers/client-hostup";
import type { DatabaseUser, DatabaseUsers, MutationOutcome, Secret } from "@dbusers/core";

/** One user as it should be. A field left out is not managed: it is neither compared nor sent. */
export interface DesiredUser {
  name: string;
  readOnly?: boolean;
  /** Cloud66: the server group's database UIDs the user may access. */
  databases?: string[];
  digitalocean?: {
    /** Engine settings; only the keys given are compared (server-filled ids and defaults are not drift). */
    settings?: DigitalOceanUserSettings;
    /** MySQL only. */
    authPlugin?: DigitalOceanAuthPlugin;
  };
  cloud66?: {
    /** Cloud 66's `user_type`, when it is neither `application` nor `readonly` (see `readOnly`). */
    userType?: string;
  };
  hostup?: {
    /** MySQL privileges per database of the account, granted when the user is created. */
    privileges?: Record<string, HostUpPrivilege[]>;
  };
}

/** The users of one target (a cluster, an addon, a server group, an account) and how they should be. */
export interface Target {
  /** A label for output; defaults to the provider's name. */
  name?: string;
  users: DatabaseUsers;
  desired: readonly DesiredUser[];
}

export interface PlanOptions {
  /** Plan the deletion of users the declaration does not name (protected users never). */
  prune?: boolean;
  /**
   * HostUp reports no privileges, so declared privileges are granted when a user is created only. With
   * `regrant`, the plan grants every declared privilege of existing HostUp users again (grants are
   * idempotent): the way to converge after a grant whose outcome was unknown.
   */
  regrant?: boolean;
  signal?: AbortSignal;
}

/** One attribute that differs: what the vendor has and what is declared. */
export interface FieldChange {
  field: string;
  actual: unknown;
  desired: unknown;
}

/** One step apply() takes. */
export type Change =
  | { action: "create"; name: string; desired: DesiredUser }
  | { action: "update"; name: string; desired: DesiredUser; fields: FieldChange[] }
  | { action: "delete"; name: string; actual: DatabaseUser };

/** A difference apply() does not repair in place (it would need the user re-created: a new password). */
export interface Drift {
  name: string;
  fields: FieldChange[];
  reason: string;
}

export interface Plan {
  target: string;
  provider: string;
  /** What apply() would do, in order: creates, updates, deletes. */
  changes: Change[];
  drift: Drift[];
  /** Users the target has and the declaration does not name, left alone without `prune`. */
  unmanaged: string[];
  /** Protected (primary, owner) users the declaration does not name: never deleted. */
  protectedUsers: string[];
  /** Things worth knowing that are not differences (e.g. attributes the vendor cannot report). */
  notes: string[];
}

/** How one change ended. `unknown`: the request was sent and its answer lost; running apply again converges. */
export type ChangeStatus = "done" | "failed" | "unknown";

/** A change that failed, as printable facts (no secret: messages are redacted by the errors). */
export interface ChangeError {
  name: string;
  code: string;
  message: string;
  outcome: MutationOutcome;
  step?: string;
}

export interface ChangeResult {
  change: Change;
  status: ChangeStatus;
  /** The new user's password (creates only). */
  password?: Secret;
  error?: ChangeError;
}

export interface ApplyOptions {
  signal?: AbortSignal;
  /** Called before each change starts and after it ends, for progress displays. */
  onProgress?: (event: ApplyProgress) => void;
}

export interface ApplyProgress {
  /** 0-based position of the change, out of `total`. */
  index: number;
  total: number;
  change: Change;
  /** Absent when the change is starting. */
  result?: ChangeResult;
}

export interface ApplyResult {
  target: string;
  provider: string;
  results: ChangeResult[];
  /** Every change done. */
  ok: boolean;
}
