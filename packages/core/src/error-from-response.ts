import {
  AuthenticationError,
  ConflictError,
  DatabaseUsersError,
  type DatabaseUsersErrorOptions,
  NotFoundError,
  PermissionError,
  RateLimitError,
  TimeoutError,
  UnavailableError,
  UnsupportedOperationError,
  ValidationError,
  type ValidationIssue,
} from "./errors.ts";
import { retryAfterMs } from "./retry-after.ts";
import type { ProviderName } from "./types.ts";

export interface ErrorFromResponseInput {
  provider: ProviderName;
  response: Response;
  /** The parsed error body (openapi-fetch's `error`); a plain-text body becomes the message. */
  body?: unknown;
  /** The vendor's human-readable message, extracted by the adapter. */
  message?: string;
  vendorCode?: string;
  /** Taken from the body by the adapter; otherwise read from the `x-request-id` / `request-id` headers. */
  requestId?: string;
  /** Field-level problems the vendor reported (only kept on `ValidationError`). */
  issues?: ValidationIssue[];
  /** The vendor signals throttling with another status (Cloud66 answers `503 throttled`). */
  throttled?: boolean;
}

// A plain-text body can be an HTML error page: keep enough to be useful, not a whole page.
const MAX_BODY_MESSAGE_LENGTH = 300;

/** The typed error for a vendor's non-2xx answer, chosen by its status. */
export function errorFromResponse(input: ErrorFromResponseInput): DatabaseUsersError {
  const { provider, response } = input;
  const status = response.status;
  const options: DatabaseUsersErrorOptions = { provider, status };
  const requestId =
    input.requestId ??
    response.headers.get("x-request-id") ??
    response.headers.get("request-id") ??
    undefined;
  if (requestId) options.requestId = requestId;
  if (input.vendorCode !== undefined) options.vendorCode = input.vendorCode;

  const message = `${provider} answered ${status}: ${describe(input)}`;

  if (status === 429 || input.throttled) {
    return new RateLimitError(message, { ...options, retryAfterMs: retryAfterMs(response) });
  }
  switch (status) {
    case 400:
    case 422:
      return new ValidationError(message, { ...options, issues: input.issues });
    case 401:
      return new AuthenticationError(message, options);
    case 403:
      return new PermissionError(message, options);
    case 404:
      return new NotFoundError(message, options);
    case 408:
      return new TimeoutError(message, options);
    case 409:
      return new ConflictError(message, options);
    case 501:
      return new UnsupportedOperationError(message, options);
  }
  return status >= 500 ? new UnavailableError(message, options) : new DatabaseUsersError(message, options);
}

function describe({ message, body, response }: ErrorFromResponseInput): string {
  if (message?.trim()) {
    return message.trim();
  }
  if (typeof body === "string" && body.trim()) {
    const text = body.trim();
    return text.length > MAX_BODY_MESSAGE_LENGTH ? `${text.slice(0, MAX_BODY_MESSAGE_LENGTH)}…` : text;
  }
  return response.statusText || "request failed";
}
