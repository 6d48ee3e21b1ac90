import { ApiError, type FrameworkErrorKind } from "../../framework/types.ts";
import type { components } from "./generated/schema.ts";

/**
 * DigitalOcean's error format: `{ id, message, request_id? }` on every 4xx/5xx (specs/digitalocean.yaml
 * `components.schemas.error`). Messages are DigitalOcean's own where it documents them.
 */
export const doErrors = {
  badRequest: (message: string): ApiError => new ApiError(400, "bad_request", message),
  unauthorized: (): ApiError => new ApiError(401, "unauthorized", "Unable to authenticate you."),
  forbidden: (): ApiError =>
    new ApiError(403, "forbidden", "You do not have access for the attempted action."),
  notFound: (): ApiError => new ApiError(404, "not_found", "The resource you requested could not be found."),
  unprocessable: (message: string): ApiError => new ApiError(422, "unprocessable_entity", message),
  rateLimited: (): ApiError => new ApiError(429, "too_many_requests", "API Rate limit exceeded."),
  serverError: (): ApiError => new ApiError(500, "server_error", "Unexpected server-side error"),
};

export function doFrameworkError(kind: FrameworkErrorKind, detail?: string): ApiError {
  switch (kind) {
    case "bad_request":
      return doErrors.badRequest(detail ?? "The request was malformed.");
    case "unauthorized":
      return doErrors.unauthorized();
    case "forbidden":
      return doErrors.forbidden();
    case "not_found":
      return doErrors.notFound();
    case "unsupported_media_type":
      return new ApiError(
        415,
        "unsupported_media_type",
        detail ?? "The request body must be application/json.",
      );
    case "rate_limited":
      return doErrors.rateLimited();
    case "server_error":
      return doErrors.serverError();
    case "contract_violation":
      return new ApiError(
        500,
        "simulator_contract_violation",
        detail ?? "The simulator's response violates its spec.",
      );
  }
}

const byStatus: Record<number, () => ApiError> = {
  400: () => doErrors.badRequest("The request was malformed."),
  401: doErrors.unauthorized,
  403: doErrors.forbidden,
  404: doErrors.notFound,
  409: () => new ApiError(409, "conflict", "The request conflicts with the current state of the resource."),
  422: () => doErrors.unprocessable("The request could not be processed."),
  429: doErrors.rateLimited,
  500: doErrors.serverError,
  501: () => new ApiError(501, "not_implemented", "The simulator does not implement this operation."),
  502: () => new ApiError(502, "bad_gateway", "Bad gateway."),
  503: () =>
    new ApiError(
      503,
      "service_unavailable",
      "The service is temporarily unavailable. Please try again later.",
    ),
  504: () => new ApiError(504, "gateway_timeout", "Gateway timeout."),
};

export function doErrorForStatus(status: number): ApiError {
  return (
    byStatus[status]?.() ?? new ApiError(status, status >= 500 ? "server_error" : "error", `HTTP ${status}`)
  );
}

export function doErrorBody(error: ApiError, requestId: string): components["schemas"]["error"] {
  return { id: error.code, message: error.message, request_id: requestId };
}
