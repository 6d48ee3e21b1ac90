import { redactBody, redactText } from "./redact.ts";

/** Stable, snake_case kind of an error: branch on this (or `instanceof`), never on the message. */
export type ErrorCode =
  | "api_error"
  | "validation_error"
  | "authentication_failed"
  | "permission_denied"
  | "not_found"
  | "conflict"
  | "rate_limited"
  | "unavailable"
  | "timeout"
  | "unsupported_operation"
  | "operation_failed"
  | "invalid_response"
  | "redirected";

/** One problem with the caller's input; `path` names the offending field (`"name"`, `"databases.0"`). */
export interface ValidationIssue {
  path: string;
  message: string;
  /** The vendor's machine-readable code for this issue, where it gives one (HostUp: `missing_required`). */
  code?: string;
}

/**
 * What a failed mutation left behind. `"not-applied"`: nothing reached the vendor, or the vendor refused
 * (a 4xx): the state is as it was, and a create may be sent again. `"unknown"`: the request was sent and
 * its answer lost (or a 5xx, or a timeout after sending): the change may have happened.
 */
export type MutationOutcome = "not-applied" | "unknown";

/**
 * What the transport knows of the requests behind an error (smithy's `$metadata`): how many attempts
 * were sent, how long was waited between them, and whether any attempt may have been carried out.
 */
export interface CallMetadata {
  attempts: number;
  totalRetryDelayMs: number;
  /** `false` only when every attempt is proven not carried out (never sent, or refused with a 4xx). */
  mayHaveApplied: boolean;
}

export interface DatabaseUsersErrorOptions {
  /** The vendor's short id, e.g. `"digitalocean"`. */
  provider: string;
  /** HTTP status of the vendor's answer, when there was one. */
  status?: number;
  /** The vendor's request id, to quote when contacting its support. */
  requestId?: string;
  /** The vendor's own error identifier, e.g. DigitalOcean's `id` (`"not_found"`). */
  vendorCode?: string;
  cause?: unknown;
  /** Set on the errors of mutations (create, resetPassword, setPassword, delete, grant, revoke). */
  outcome?: MutationOutcome;
  /** The operation the caller called, e.g. `"create"`. */
  operation?: string;
  /** The step of that operation that failed, e.g. `"lookup before create"`. */
  step?: string;
  $metadata?: CallMetadata;
}

/**
 * The fields `toJSON` writes, in this order, when the error has them: those of every error, then those
 * only some carry (a known outcome and where it happened, a ValidationError's issues, a RateLimitError's
 * wait). Read by name, so a field an error gains later is written once it is listed here.
 */
const JSON_FIELDS = [
  "name",
  "message",
  "code",
  "status",
  "requestId",
  "vendorCode",
  "provider",
  "retryable",
  "outcome",
  "operation",
  "step",
  "issues",
  "retryAfterMs",
] as const;

// Registered symbol so that errors thrown by one copy of this package (ESM and CJS builds, or two
// installed versions) pass `instanceof` checks written against another copy.
const ERROR_BRAND = Symbol.for("@dbusers/core/DatabaseUsersError");

function brandOf(value: unknown): ErrorCode | undefined {
  return typeof value === "object" && value !== null
    ? ((value as Record<symbol, unknown>)[ERROR_BRAND] as ErrorCode | undefined)
    : undefined;
}

/**
 * Base class of every error this library throws. Messages pass through `redactText` so that a
 * vendor echoing a token or a password back cannot leak it into logs.
 */
export class DatabaseUsersError extends Error {
  /** The kind of every instance of this class; subclasses override it. */
  static readonly code: ErrorCode = "api_error";
  /** Whether the same call may succeed if repeated later (transient failure). */
  static readonly retryable: boolean = false;

  override name = "DatabaseUsersError";
  readonly code: ErrorCode;
  readonly retryable: boolean;
  readonly provider: string;
  // `declare`: absent values stay absent instead of showing up as `undefined` own properties.
  declare readonly status?: number;
  declare readonly requestId?: string;
  declare readonly vendorCode?: string;
  /** Mutations only: whether the change may have happened (see `MutationOutcome`). */
  declare readonly outcome?: MutationOutcome;
  declare readonly operation?: string;
  declare readonly step?: string;
  /** The requests behind the error, where it came from the transport. */
  declare readonly $metadata?: CallMetadata;

  constructor(message: string, options: DatabaseUsersErrorOptions) {
    super(redactText(message), options.cause === undefined ? undefined : { cause: options.cause });
    const kind = new.target as typeof DatabaseUsersError;
    this.code = kind.code;
    this.retryable = kind.retryable;
    this.provider = options.provider;
    if (options.status !== undefined) this.status = options.status;
    if (options.requestId !== undefined) this.requestId = options.requestId;
    if (options.vendorCode !== undefined) this.vendorCode = options.vendorCode;
    annotateError(this, options);
  }

  /**
   * What `JSON.stringify(error)` writes: an Error's `name` and `message` are not enumerable own
   * properties, so without this a service logging JSON would lose them. Every string is redacted like
   * the message; `cause` is left out (it may be anything, e.g. a fetch error quoting a URL).
   */
  toJSON(): Record<string, unknown> {
    const json: Record<string, unknown> = {};
    for (const field of JSON_FIELDS) {
      const value = (this as Record<string, unknown>)[field];
      if (value !== undefined) json[field] = value;
    }
    return redactBody(json) as Record<string, unknown>;
  }

  static {
    // Defined here rather than as a class member: a symbol-keyed member would have to be exported.
    Object.defineProperty(DatabaseUsersError.prototype, ERROR_BRAND, {
      get(this: DatabaseUsersError) {
        return this.code;
      },
    });
  }

  static override [Symbol.hasInstance](instance: unknown): boolean {
    // biome-ignore lint/complexity/noThisInStatic: `this` is the class on the right of `instanceof`, often a subclass.
    return isInstanceOf(this, instance);
  }
}

/** What a mutation engine or the transport learns of an error after it was made. */
export type ErrorAnnotations = Pick<
  DatabaseUsersErrorOptions,
  "outcome" | "operation" | "step" | "$metadata"
>;

const ANNOTATIONS = ["outcome", "operation", "step", "$metadata"] as const;

/**
 * Adds what was learnt after an error was made (the outcome of the mutation it ended, the step, the
 * requests behind it) as read-only own properties; later annotations replace earlier ones. Returns it.
 */
export function annotateError<E extends DatabaseUsersError>(error: E, annotations: ErrorAnnotations): E {
  for (const key of ANNOTATIONS) {
    const value = annotations[key];
    if (value !== undefined) {
      Object.defineProperty(error, key, { value, enumerable: true, configurable: true, writable: false });
    }
  }
  return error;
}

function isInstanceOf(kind: typeof DatabaseUsersError, instance: unknown): boolean {
  if (Function.prototype[Symbol.hasInstance].call(kind, instance)) {
    return true;
  }
  const brand = brandOf(instance);
  if (brand === undefined) {
    return false;
  }
  if (kind === DatabaseUsersError) {
    return true;
  }
  // Only our own classes (which declare their `code`) match by brand; a caller's subclass of,
  // say, NotFoundError keeps plain prototype semantics.
  return Object.hasOwn(kind, "code") && brand === kind.code;
}

export interface ValidationErrorOptions extends DatabaseUsersErrorOptions {
  issues?: ValidationIssue[];
}

/** The input was rejected: by the adapter before any request, or by the vendor (400, 422). */
export class ValidationError extends DatabaseUsersError {
  static override readonly code = "validation_error";
  declare readonly code: "validation_error";
  override name = "ValidationError";
  declare readonly issues?: ValidationIssue[];

  constructor(message: string, options: ValidationErrorOptions) {
    super(message, options);
    if (options.issues !== undefined) {
      this.issues = options.issues.map(({ path, message, code }) => ({
        path,
        message: redactText(message),
        ...(code === undefined ? {} : { code }),
      }));
    }
  }
}

/** 401: the token is missing, wrong or expired. */
export class AuthenticationError extends DatabaseUsersError {
  static override readonly code = "authentication_failed";
  declare readonly code: "authentication_failed";
  override name = "AuthenticationError";
}

/** 403: the token is valid but lacks the scope or role for this operation. */
export class PermissionError extends DatabaseUsersError {
  static override readonly code = "permission_denied";
  declare readonly code: "permission_denied";
  override name = "PermissionError";
}

/** 404: the user, or the database/cluster it belongs to, does not exist. */
export class NotFoundError extends DatabaseUsersError {
  static override readonly code = "not_found";
  declare readonly code: "not_found";
  override name = "NotFoundError";
}

/** 409: e.g. a user with this name already exists. */
export class ConflictError extends DatabaseUsersError {
  static override readonly code = "conflict";
  declare readonly code: "conflict";
  override name = "ConflictError";
}

export interface RateLimitErrorOptions extends DatabaseUsersErrorOptions {
  retryAfterMs?: number;
}

/** 429 or a vendor's throttling answer, once retries did not help or the wait was too long to take. */
export class RateLimitError extends DatabaseUsersError {
  static override readonly code = "rate_limited";
  static override readonly retryable: boolean = true;
  declare readonly code: "rate_limited";
  override name = "RateLimitError";
  /** How long the vendor asked to wait, when it said so. */
  declare readonly retryAfterMs?: number;

  constructor(message: string, options: RateLimitErrorOptions) {
    super(message, options);
    if (options.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
  }
}

/** 5xx, or the vendor could not be reached at all (then `status` is absent and `cause` says why). */
export class UnavailableError extends DatabaseUsersError {
  static override readonly code = "unavailable";
  static override readonly retryable: boolean = true;
  declare readonly code: "unavailable";
  override name = "UnavailableError";
}

/** An HTTP attempt ran out of its time budget, or an async operation was not done in time. */
export class TimeoutError extends DatabaseUsersError {
  static override readonly code = "timeout";
  static override readonly retryable: boolean = true;
  declare readonly code: "timeout";
  override name = "TimeoutError";
}

/** The vendor has no way to do this (e.g. choosing a password where it only generates one). */
export class UnsupportedOperationError extends DatabaseUsersError {
  static override readonly code = "unsupported_operation";
  declare readonly code: "unsupported_operation";
  override name = "UnsupportedOperationError";
}

/** An asynchronous vendor action finished, but unsuccessfully. */
export class OperationFailedError extends DatabaseUsersError {
  static override readonly code = "operation_failed";
  declare readonly code: "operation_failed";
  override name = "OperationFailedError";
}

/**
 * The vendor answered 2xx, but not with what its spec declares: a body that is not JSON, is cut short,
 * or lacks what the operation promises (a list that is not a list, a user without a name). The
 * message says what was wrong, never what the body held, since a body can carry a password.
 */
export class InvalidResponseError extends DatabaseUsersError {
  static override readonly code = "invalid_response";
  declare readonly code: "invalid_response";
  override name = "InvalidResponseError";
}

export interface RedirectErrorOptions extends DatabaseUsersErrorOptions {
  targetOrigin?: string;
}

/**
 * The vendor (or something in front of it) answered with a redirect that is not followed: to another
 * origin, for a request that changes something, or beyond the few a read may follow. Nothing was sent
 * there, so neither the request's body nor its headers left the configured origin.
 */
export class RedirectError extends DatabaseUsersError {
  static override readonly code = "redirected";
  declare readonly code: "redirected";
  override name = "RedirectError";
  /** Where the redirect pointed: its origin only (`https://host:port`), never its path or query. */
  declare readonly targetOrigin?: string;

  constructor(message: string, options: RedirectErrorOptions) {
    super(message, options);
    if (options.targetOrigin !== undefined) this.targetOrigin = options.targetOrigin;
  }
}
