import { ApiError, type FrameworkErrorKind, type ResponseBody, TextBody } from "../../framework/types.ts";
import type { components } from "./generated/schema.ts";

type Schemas = components["schemas"];

/**
 * An error with the exact body Scalingo answers (specs/scalingo.yaml, "Errors"): one format for its
 * authentication service, its regional API and its Database API, with a shape per status.
 */
export class ScalingoError extends ApiError {
  readonly body: ResponseBody;
  constructor(status: number, code: string, message: string, body: ResponseBody) {
    super(status, code, message);
    this.body = body;
  }
}

/** The field errors of a 422: `{ errors: { name: ["has already been taken"] } }`. */
export type FieldErrors = Schemas["validation_error"]["errors"];

const simple = (status: number, code: string, error: string): ScalingoError =>
  new ScalingoError(status, code, error, { error } satisfies Schemas["error"]);

export const scalingoErrors = {
  /** `{error, code}`: e.g. a body that is not JSON (message quoted from Scalingo's documentation). */
  badRequest: (error: string): ScalingoError =>
    new ScalingoError(400, "bad_request", error, { error, code: "bad_request" } satisfies Schemas["error"]),
  unauthorized: (error = "You are not authorized to do this operation"): ScalingoError =>
    simple(401, "unauthorized", error),
  /** `{error, code}`: allowed for nobody, e.g. changing a protected user. */
  forbidden: (error: string, code = "forbidden"): ScalingoError =>
    new ScalingoError(403, code, error, { error, code } satisfies Schemas["error"]),
  /** `{resource, error}`, e.g. `{"resource": "app", "error": "not found"}`. */
  notFound: (resource: string): ScalingoError =>
    new ScalingoError(404, "not_found", `${resource} not found`, {
      resource,
      error: "not found",
    } satisfies Schemas["not_found_error"]),
  /** `{errors: {field: [messages]}}`. */
  unprocessable: (errors: FieldErrors): ScalingoError =>
    new ScalingoError(422, "unprocessable_entity", "Unprocessable entity", {
      errors,
    } satisfies Schemas["validation_error"]),
  /** The documented plain-text 429 (rack-attack's default answer, which carries no Retry-After). */
  rateLimited: (): ScalingoError =>
    new ScalingoError(
      429,
      "too_many_requests",
      "Retry later",
      new TextBody("text/plain; charset=utf-8", "Retry later"),
    ),
  serverError: (): ScalingoError => simple(500, "server_error", "Internal error occured, we're on it!"),
};

const INVALID_REQUEST = "Invalid request: ";
const BODY_FIELD = /^body\.(?:database_user\.)?(\S+) (.+)$/;

/**
 * Scalingo answers a request whose fields break the rules (a name outside the pattern, a password too
 * short, a missing field) with a 422 naming each field. The framework checks requests against the spec
 * before any handler and reports the problems as one message in its own words
 * (framework/validation-messages.ts: `Invalid request: body.database_user.name must match …; …`):
 * when each of them is about a body field, they become the 422's field errors.
 */
function fieldErrorsOf(detail: string): FieldErrors | undefined {
  if (!detail.startsWith(INVALID_REQUEST)) return undefined;
  const errors: FieldErrors = {};
  for (const problem of detail.slice(INVALID_REQUEST.length).split("; ")) {
    const [, field, message] = BODY_FIELD.exec(problem) ?? [];
    if (field === undefined || message === undefined) return undefined;
    errors[field] = [...(errors[field] ?? []), message];
  }
  return errors;
}

export function scalingoFrameworkError(kind: FrameworkErrorKind, detail?: string): ApiError {
  switch (kind) {
    case "bad_request": {
      const fields = detail === undefined ? undefined : fieldErrorsOf(detail);
      if (fields) return scalingoErrors.unprocessable(fields);
      // The documentation's own example of a 400.
      return scalingoErrors.badRequest(
        detail === "The request body is not valid JSON."
          ? "There was a problem in the JSON you submitted: unexpected token"
          : (detail ?? "The request is malformed"),
      );
    }
    case "unauthorized":
      return scalingoErrors.unauthorized();
    case "forbidden":
      return scalingoErrors.forbidden("You are not allowed to perform this action");
    case "not_found":
      return simple(404, "not_found", "not found");
    case "unsupported_media_type":
      return simple(415, "unsupported_media_type", detail ?? "The request body must be JSON");
    case "rate_limited":
      return scalingoErrors.rateLimited();
    case "server_error":
      return scalingoErrors.serverError();
    case "contract_violation":
      return simple(
        500,
        "simulator_contract_violation",
        detail ?? "The simulator's response violates its spec.",
      );
  }
}

const byStatus: Record<number, () => ApiError> = {
  400: () => scalingoErrors.badRequest("The request is malformed"),
  401: () => scalingoErrors.unauthorized(),
  403: () => scalingoErrors.forbidden("You are not allowed to perform this action"),
  404: () => scalingoErrors.notFound("database"),
  409: () => simple(409, "conflict", "The request conflicts with the current state of the resource"),
  422: () => scalingoErrors.unprocessable({ base: ["is invalid"] }),
  429: scalingoErrors.rateLimited,
  500: scalingoErrors.serverError,
  501: () => simple(501, "not_implemented", "The simulator does not implement this operation"),
  // go-scalingo's words for a 503.
  503: () => simple(503, "unavailable", "upstream provider returned an error, please retry later"),
};

export function scalingoErrorForStatus(status: number): ApiError {
  return byStatus[status]?.() ?? simple(status, status >= 500 ? "server_error" : "error", `HTTP ${status}`);
}

export function scalingoErrorBody(error: ApiError): ResponseBody {
  return error instanceof ScalingoError ? error.body : { error: error.message };
}
