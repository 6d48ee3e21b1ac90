import { ApiError, type FrameworkErrorKind, TextBody } from "../../framework/types.ts";
import type { components } from "./generated/schema.ts";

type ProblemDetails = components["schemas"]["problem_details"];
export type FieldError = components["schemas"]["problem_field_error"];

/** An `invalid_request` with HostUp's field-level errors (`errors[]`: pointer, detail, code). */
export class InvalidRequestError extends ApiError {
  readonly fieldErrors: readonly FieldError[];
  constructor(detail: string, fieldErrors: readonly FieldError[]) {
    super(400, "invalid_request", detail);
    this.name = "InvalidRequestError";
    this.fieldErrors = fieldErrors;
  }
}

/**
 * HostUp's errors, with the titles and texts of its error reference where it documents them. Codes it
 * does not document for these routes (409, 415, 5xx besides 500) follow its naming.
 */
export const hostupErrors = {
  invalid: (detail: string, fieldErrors: readonly FieldError[] = []): ApiError =>
    new InvalidRequestError(detail, fieldErrors),
  passwordTooWeak: (): ApiError => new ApiError(400, "password_too_weak", "Password too weak."),
  unauthorized: (): ApiError => new ApiError(401, "unauthorized", "Authentication is required."),
  forbidden: (): ApiError =>
    new ApiError(403, "forbidden", "The caller lacks a required scope or does not own the resource."),
  notFound: (): ApiError => new ApiError(404, "not_found", "The requested resource could not be found."),
  conflict: (detail: string): ApiError => new ApiError(409, "conflict", detail),
  rateLimited: (): ApiError =>
    new ApiError(429, "rate_limit_exceeded", "Too many requests. Retry after the limit resets."),
  upstreamFailed: (status: 502 | 503): ApiError =>
    new ApiError(status, "upstream_failed", "The hosting control panel did not respond. Retry later."),
  internal: (): ApiError =>
    new ApiError(
      500,
      "internal_error",
      "An unexpected error occurred. Retry later or contact support if the issue persists.",
    ),
};

const TITLES: Record<string, string> = {
  invalid_request: "Validation failed",
  password_too_weak: "Password too weak",
  unauthorized: "Unauthorized",
  forbidden: "Forbidden",
  not_found: "Not found",
  conflict: "Conflict",
  unsupported_media_type: "Unsupported media type",
  rate_limit_exceeded: "Too many requests",
  internal_error: "Internal server error",
  not_implemented: "Not implemented",
  upstream_failed: "Upstream failed",
  simulator_contract_violation: "Simulator contract violation",
};

// The framework reports a request that fails spec validation as one text (validation-messages.ts
// `requestErrorMessage`): "Invalid request: body.username must match pattern …; body.password is
// required". HostUp answers with one field error per body member, so the text is read back into them.
const VALIDATION_PREFIX = "Invalid request: ";
const BODY_MEMBER = /^body((?:\.[^\s.[]+|\[\d+\])*) (.+)$/;
const BODY_FAILED = "The request body failed validation.";

/** HostUp's field error for one problem of the framework's text, if it is a body member's. */
function fieldError(message: string): FieldError | undefined {
  const [, path = "", problem = ""] = BODY_MEMBER.exec(message) ?? [];
  if (problem === "") return undefined;
  const tokens = path
    .replace(/\[(\d+)\]/g, ".$1")
    .split(".")
    .slice(1);
  return {
    pointer: tokens.map((token) => `/${token.replace(/~/g, "~0").replace(/\//g, "~1")}`).join(""),
    detail: `\`${path.slice(1) || "body"}\` ${problem}.`,
    code: problem === "is required" ? "missing_required" : "invalid_request",
  };
}

/** A 400 `invalid_request`: HostUp's own text when each problem became a field error, else the framework's. */
function invalidRequest(detail: string): ApiError {
  if (!detail.startsWith(VALIDATION_PREFIX)) return hostupErrors.invalid(detail);
  const problems = detail.slice(VALIDATION_PREFIX.length).split("; ");
  const fieldErrors = problems.map(fieldError).filter((error) => error !== undefined);
  return hostupErrors.invalid(fieldErrors.length === problems.length ? BODY_FAILED : detail, fieldErrors);
}

// Record-typed, so that a kind the framework adds cannot go unanswered.
const frameworkErrors: Record<FrameworkErrorKind, (detail?: string) => ApiError> = {
  bad_request: (detail) => invalidRequest(detail ?? BODY_FAILED),
  unauthorized: hostupErrors.unauthorized,
  forbidden: hostupErrors.forbidden,
  not_found: hostupErrors.notFound,
  unsupported_media_type: (detail) =>
    new ApiError(415, "unsupported_media_type", detail ?? "The request body must be application/json."),
  rate_limited: hostupErrors.rateLimited,
  server_error: hostupErrors.internal,
  contract_violation: (detail) =>
    new ApiError(
      500,
      "simulator_contract_violation",
      detail ?? "The simulator's response violates its spec.",
    ),
};

export function hostupFrameworkError(kind: FrameworkErrorKind, detail?: string): ApiError {
  return frameworkErrors[kind](detail);
}

const byStatus: Record<number, () => ApiError> = {
  400: () => hostupErrors.invalid(BODY_FAILED),
  401: hostupErrors.unauthorized,
  403: hostupErrors.forbidden,
  404: hostupErrors.notFound,
  409: () => hostupErrors.conflict("The request conflicts with the current state of the resource."),
  429: hostupErrors.rateLimited,
  500: hostupErrors.internal,
  501: () => new ApiError(501, "not_implemented", "The simulator does not implement this operation."),
  502: () => hostupErrors.upstreamFailed(502),
  503: () => hostupErrors.upstreamFailed(503),
};

export function hostupErrorForStatus(status: number): ApiError {
  return (
    byStatus[status]?.() ??
    new ApiError(status, status >= 500 ? "internal_error" : "invalid_request", `HTTP ${status}`)
  );
}

/**
 * The RFC 7807 problem document for `error`, sent as `application/problem+json` (hence a TextBody:
 * the framework labels JSON values `application/json`). `requestId` is HostUp's `req_…` form of the
 * response's `x-request-id`.
 */
export function hostupErrorBody(error: ApiError, requestId: string): TextBody {
  const fieldErrors = error instanceof InvalidRequestError ? error.fieldErrors : [];
  const problem: ProblemDetails = {
    type: error.code.startsWith("simulator_")
      ? "about:blank"
      : `https://developer.hostup.se/errors/${error.code}`,
    title: TITLES[error.code] ?? "Error",
    status: error.status,
    detail: error.message,
    code: error.code,
    requestId: `req_${requestId.replaceAll("-", "")}`,
    timestamp: new Date().toISOString(),
    ...(fieldErrors.length > 0 ? { errors: [...fieldErrors] } : {}),
  };
  return new TextBody("application/problem+json", JSON.stringify(problem));
}
