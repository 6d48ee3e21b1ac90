import { ApiError, type FrameworkErrorKind } from "../../framework/types.ts";
import type { components } from "./generated/schema.ts";

/** An error in Cloud 66's format, with the optional `details` its Go client prefers for display. */
export class Cloud66Error extends ApiError {
  readonly details: string | undefined;
  constructor(status: number, code: string, message: string, details?: string) {
    super(status, code, message);
    this.details = details;
  }
}

/**
 * Cloud 66's error format: `{ error, error_description, details? }`, unwrapped (specs/cloud66.yaml
 * `components.schemas.error`, the body Cloud 66's Go client parses). Identifiers are the ones Cloud 66
 * documents for each status.
 */
export const c66Errors = {
  badRequest: (message: string, details?: string): Cloud66Error =>
    new Cloud66Error(400, "bad_request", message, details),
  unauthenticated: (): Cloud66Error =>
    new Cloud66Error(401, "unauthenticated", "Authentication failed or missing OAuth token"),
  forbidden: (message: string): Cloud66Error => new Cloud66Error(403, "forbidden", message),
  notFound: (what: string): Cloud66Error => new Cloud66Error(404, "not_found", `${what} not found`),
  throttled: (): Cloud66Error =>
    new Cloud66Error(503, "throttled", "Rate limit exceeded. Retry in the next hourly interval."),
  serverError: (): Cloud66Error =>
    new Cloud66Error(500, "internal_server_error", "Something went wrong on our side"),
  noDatabaseOperations: (): Cloud66Error =>
    new Cloud66Error(400, "bad_request", "Server group does not support database operations"),
};

export function c66FrameworkError(kind: FrameworkErrorKind, detail?: string): ApiError {
  switch (kind) {
    case "bad_request":
      return c66Errors.badRequest(detail ?? "The request could not be understood");
    case "unauthorized":
      return c66Errors.unauthenticated();
    case "forbidden":
      return c66Errors.forbidden("OAuth token lacks the required scope");
    case "not_found":
      return c66Errors.notFound("Resource");
    case "unsupported_media_type":
      return new Cloud66Error(415, "unsupported_media_type", detail ?? "The request body must be JSON");
    // Cloud 66 throttles with a 503, never a 429.
    case "rate_limited":
      return c66Errors.throttled();
    case "server_error":
      return c66Errors.serverError();
    case "contract_violation":
      return new Cloud66Error(
        500,
        "simulator_contract_violation",
        detail ?? "The simulator's response violates its spec.",
      );
  }
}

// Cloud 66's documented statuses (and a few a proxy adds). A scripted 503 is the throttling answer,
// by far the most common 503 a client meets; `not_implemented` is Cloud 66's other one.
const byStatus: Record<number, () => ApiError> = {
  400: () => c66Errors.badRequest("The request could not be understood"),
  401: c66Errors.unauthenticated,
  402: () => new Cloud66Error(402, "trial_expired", "Your Cloud 66 trial period has expired"),
  403: () => c66Errors.forbidden("OAuth token lacks the required scope"),
  404: () => c66Errors.notFound("Resource"),
  408: () => new Cloud66Error(408, "time_out", "The request timed out"),
  409: () => new Cloud66Error(409, "conflict", "Another operation is in progress on this stack"),
  500: c66Errors.serverError,
  502: () => new Cloud66Error(502, "bad_gateway", "Bad gateway"),
  503: c66Errors.throttled,
  504: () => new Cloud66Error(504, "gateway_timeout", "Gateway timeout"),
};

export function c66ErrorForStatus(status: number): ApiError {
  return (
    byStatus[status]?.() ??
    new Cloud66Error(status, status >= 500 ? "server_error" : "error", `HTTP ${status}`)
  );
}

export function c66ErrorBody(error: ApiError): components["schemas"]["error"] {
  const details = error instanceof Cloud66Error ? error.details : undefined;
  return {
    error: error.code,
    error_description: error.message,
    ...(details === undefined ? {} : { details }),
  };
}
