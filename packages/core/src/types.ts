import type { NameLock } from "./mutation/lock.ts";
import type { RetryOptions } from "./retry-policy.ts";
import type { Secret } from "./secret.ts";
import type { SharedQuotaOptions } from "./shared/shared-quota.ts";
import type { ThrottleOptions } from "./transport/throttle.ts";

/**
 * A database user as every adapter returns it. Fields a vendor does not report are left out rather
 * than guessed; `raw` keeps the vendor's own object for anything the normalized model does not cover.
 */
export interface DatabaseUser<Raw = unknown> {
  /** The vendor's short id (`"digitalocean"`, …); the facade narrows it to the vendors it knows. */
  provider: string;
  /** The vendor's identifier for the user (often the name itself). */
  id: string;
  name: string;
  readOnly?: boolean;
  /** The vendor's role label, e.g. DigitalOcean's `primary` / `normal`. */
  role?: string;
  databases?: string[];
  host?: string;
  /** Managed by the vendor and not deletable (e.g. the default admin user). */
  protected?: boolean;
  createdAt?: Date;
  raw: Raw;
}

/** What every vendor accepts to create a user; vendor packages extend it with typed options. */
export interface CreateUserInput {
  name: string;
  readOnly?: boolean;
  /** Chosen by the caller; when omitted the vendor (or the adapter) generates one. */
  password?: string | Secret;
  databases?: string[];
}

/** The result of operations that produce a password: it is only ever handed out as a `Secret`. */
export interface UserWithPassword<U> {
  user: U;
  password: Secret;
}

/** Tunes how long an asynchronous vendor operation is waited for. */
export interface WaitOptions {
  timeoutMs?: number;
  minDelayMs?: number;
  maxDelayMs?: number;
}

/** The last, optional argument of every operation. */
export interface OperationOptions {
  signal?: AbortSignal;
  /**
   * Time limit of the whole call, in ms: its retries, throttle waits, lookups, recovery and (Cloud66)
   * waits for the vendor's action. Overrides the client's `deadlineMs`.
   */
  deadlineMs?: number;
  /** Async vendors only: `false` returns as soon as the vendor accepted the request. */
  wait?: boolean | WaitOptions;
}

/**
 * An operation that an asynchronous vendor (Cloud66) accepted and may still be carrying out: what a
 * mutation returns when called with `{ wait: false }`. `wait()` polls until the vendor has finished it,
 * then resolves with what the mutation resolves with when it waits itself, or throws what it throws
 * (`OperationFailedError`, `TimeoutError`, the signal's reason). It may be called again, e.g. after a
 * `TimeoutError`: it goes on following the same operation and never sends the mutation again.
 */
export interface OperationHandle<T> {
  readonly provider: string;
  /** The vendor's id for the operation (Cloud66: its async action's id), when its answer gave one. */
  readonly id?: string;
  wait(options?: WaitOptions & { signal?: AbortSignal }): Promise<T>;
}

/** The operations and options a capability flag can describe. */
export type CapabilityName =
  | "get"
  | "setPassword"
  | "readOnly"
  | "databases"
  | "privileges"
  | "asyncOperations";

/**
 * What a vendor supports, so callers can branch before hitting `UnsupportedOperationError`. A flag is
 * `true` only where the adapter really does it; `notes` says where a supported flag has limits (e.g.
 * DigitalOcean's read-only users: MongoDB clusters only) or how an operation is carried out (e.g. `get`
 * by listing, where the vendor has no get endpoint).
 */
export interface Capabilities extends Readonly<Record<CapabilityName, boolean>> {
  readonly notes?: Readonly<Partial<Record<CapabilityName, string>>>;
}

/** The one interface every vendor adapter implements. */
export interface DatabaseUsers<
  U extends DatabaseUser = DatabaseUser,
  C extends CreateUserInput = CreateUserInput,
> {
  readonly provider: string;
  readonly capabilities: Capabilities;
  /** Every user, all pages. */
  list(options?: OperationOptions): Promise<U[]>;
  /** Every user, fetched page by page as the loop advances. */
  iterate(options?: OperationOptions): AsyncIterable<U>;
  /** Throws `NotFoundError` when the user does not exist. */
  get(name: string, options?: OperationOptions): Promise<U>;
  create(input: C, options?: OperationOptions): Promise<UserWithPassword<U>>;
  resetPassword(name: string, options?: OperationOptions): Promise<UserWithPassword<U>>;
  /** Throws `UnsupportedOperationError` where the vendor cannot set a chosen password. */
  setPassword(name: string, password: string | Secret, options?: OperationOptions): Promise<void>;
  delete(name: string, options?: OperationOptions): Promise<void>;
}

/**
 * Structured logger, shaped so that `console` and pino-style loggers fit as they are.
 * Every level is optional: a logger with only `debug` receives only the per-request lines.
 */
export interface Logger {
  debug?: (message: string, meta?: Record<string, unknown>) => void;
  info?: (message: string, meta?: Record<string, unknown>) => void;
  warn?: (message: string, meta?: Record<string, unknown>) => void;
  error?: (message: string, meta?: Record<string, unknown>) => void;
}

/** Options every vendor client accepts (each adds its own credentials and ids). */
export interface ClientOptions {
  /** Overrides the vendor's API root (e.g. to point at the simulator). */
  baseUrl?: string;
  /** The fetch implementation used for every attempt; defaults to the global one. */
  fetch?: typeof fetch;
  /** Budget for each HTTP attempt, response body included. Default 30 000 ms. */
  timeoutMs?: number;
  /**
   * Time limit of each call (an operation of the adapter, or one request of the raw client), retries,
   * throttle waits and recovery included. Default 120 000 ms; Cloud66's waiting mutations default to
   * their wait's time limit instead.
   */
  deadlineMs?: number;
  /**
   * The most one answer's body may hold, in bytes, counted while it is read: a larger 2xx body is an
   * `InvalidResponseError`, a larger error body is dropped (the error keeps its status). Default 10 MiB.
   */
  maxResponseBytes?: number;
  /** Retry tuning, or `false` to send every request exactly once. */
  retry?: RetryOptions | false;
  logger?: Logger;
  /** Prepended to the `user-agent` header, e.g. `"billing-service/1.4"`. */
  userAgent?: string;
  /** Extra headers sent with every request (a per-call header of the same name wins). */
  headers?: Record<string, string>;
  /**
   * Spaces requests before the vendor has to answer 429: by its documented limits and by the rate-limit
   * headers it sends, with a bound on requests in flight. On by default; `false` turns it off.
   */
  throttle?: ThrottleOptions | false;
  /**
   * A quota counted with the other processes (replicas) that use the same vendor account, e.g. on Redis
   * (`@dbusers/redis`): together they keep to the vendor's limits instead of each spending them. When
   * its store does not answer, the client throttles alone (one warning) until it answers again.
   */
  sharedQuota?: SharedQuotaOptions;
  /**
   * Held per user name by every mutation, so that concurrent mutations of one name run one at a time.
   * Default: one lock per client, in process; pass a shared (e.g. Redis) lock to cover several processes.
   * A shared lock whose store does not answer is replaced by a local one (one warning) until it answers.
   */
  lock?: NameLock;
  /**
   * Runs the client's mutations one at a time, whatever the name. Default: on where the vendor needs it
   * (DigitalOcean answers 5xx to concurrent user creates on one cluster), off elsewhere.
   */
  serializeMutations?: boolean;
}
