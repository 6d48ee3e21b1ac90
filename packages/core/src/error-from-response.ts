import {
  AuthenticationError,
  ConflictError,
  DatabaseUsersError,
  type DatabaseUsersErrorOptions,
  NotFoundError,
  PermissionError,
  RateLimitError,
  RedirectError,
  TimeoutError,
  UnavailableError,
  UnsupportedOperationError,
  ValidationError,
} from "./errors.ts";
import { retryAfterMs } from "./retry-after.ts";
import type { VendorDescriptor, VendorErrorDetails } from "./vendor.ts";

// A plain-text body can be an HTML error page: keep enough to be useful, not a whole page.
const MAX_BODY_MESSAGE_LENGTH = 300;

/**
 * The typed error for a vendor's non-2xx answer, chosen by its status (Stainless's `APIError.generate`).
 * `body` is what openapi-fetch parsed: JSON, or the text when it was not JSON.
 */
export function errorFromResponse(
  vendor: VendorDescriptor,
  response: Response,
  body: unknown,
): DatabaseUsersError {
  const { provider } = vendor;
  const status = response.status;
  const details = vendorDetails(vendor, body, response);
  const options: DatabaseUsersErrorOptions = { provider, status };
  const requestId =
    details.requestId ??
    response.headers.get("x-request-id") ??
    response.headers.get("request-id") ??
    undefined;
  if (requestId) options.requestId = requestId;
  if (details.vendorCode !== undefined) options.vendorCode = details.vendorCode;

  const message = `${provider} answered ${status}: ${describe(details.message, body, response)}`;

  if (status >= 300 && status < 400) {
    return redirectError(provider, response, options);
  }
  if (status === 429 || isThrottled(vendor, response, body)) {
    return new RateLimitError(message, { ...options, retryAfterMs: retryAfterMs(response) });
  }
  if (isPermanent(vendor, response, body)) {
    return new UnsupportedOperationError(message, options);
  }
  switch (status) {
    case 400:
    case 422:
      return new ValidationError(message, { ...options, issues: details.issues });
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

/**
 * A redirect the transport did not follow (see `transport/redirects.ts`). The message names where it
 * pointed by origin only: a path or query can carry a token (a signed URL, a session id).
 */
function redirectError(
  provider: string,
  response: Response,
  options: DatabaseUsersErrorOptions,
): RedirectError {
  const target = redirectTarget(response);
  const where = target ? `to ${target.origin}` : "without a usable location";
  return new RedirectError(
    `${provider} answered ${response.status}, a redirect ${where}: not followed, since only a read is ` +
      "redirected, a few times at most, and only within the API's origin",
    { ...options, ...(target ? { targetOrigin: target.origin } : {}) },
  );
}

/** Where a redirect answer points, resolved against the URL it answered; `undefined` if nowhere usable. */
export function redirectTarget(response: Response): URL | undefined {
  const location = response.headers.get("location");
  if (location === null) return undefined;
  try {
    const target = response.url ? new URL(location, response.url) : new URL(location);
    return /^https?:$/.test(target.protocol) ? target : undefined;
  } catch {
    return undefined;
  }
}

/** The vendor's "never here" verdict (`isPermanent`); a check that throws counts as "not permanent". */
export function isPermanent(vendor: VendorDescriptor, response: Response, body: unknown): boolean {
  return vendorVerdict(vendor.isPermanent, response, body);
}

/** The vendor's throttling verdict; a check that throws on an odd body counts as "not throttled". */
export function isThrottled(vendor: VendorDescriptor, response: Response, body: unknown): boolean {
  return vendorVerdict(vendor.isThrottled, response, body);
}

function vendorVerdict(
  test: ((response: Response, body: unknown) => boolean) | undefined,
  response: Response,
  body: unknown,
): boolean {
  try {
    return test?.(response, body) === true;
  } catch {
    return false;
  }
}

// A body in an unexpected shape must not hide the HTTP error behind a parser TypeError.
function vendorDetails(vendor: VendorDescriptor, body: unknown, response: Response): VendorErrorDetails {
  try {
    return vendor.parseError?.(body, response) ?? {};
  } catch {
    return {};
  }
}

function describe(message: string | undefined, body: unknown, response: Response): string {
  if (message?.trim()) {
    return message.trim();
  }
  if (typeof body === "string" && body.trim()) {
    const text = body.trim();
    return text.length > MAX_BODY_MESSAGE_LENGTH ? `${text.slice(0, MAX_BODY_MESSAGE_LENGTH)}…` : text;
  }
  return response.statusText || "request failed";
}
