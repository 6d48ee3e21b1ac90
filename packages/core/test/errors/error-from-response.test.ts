import { describe, expect, it } from "vitest";
import { defineVendor, errorFromResponse, type VendorErrorDetails } from "../../src/adapter.ts";
import {
  AuthenticationError,
  ConflictError,
  DatabaseUsersError,
  NotFoundError,
  PermissionError,
  RateLimitError,
  TimeoutError,
  UnavailableError,
  UnsupportedOperationError,
  ValidationError,
} from "../../src/index.ts";

function response(status: number, headers: Record<string, string> = {}, statusText = ""): Response {
  return new Response(null, { status, headers, statusText });
}

/** A vendor whose error parser finds `details` in any body; `throttled` is its throttling verdict. */
function vendor(provider: string, details: VendorErrorDetails = {}, throttled = false) {
  return defineVendor({ provider, parseError: () => details, isThrottled: () => throttled });
}

describe("errorFromResponse", () => {
  it.each([
    [400, ValidationError],
    [422, ValidationError],
    [401, AuthenticationError],
    [403, PermissionError],
    [404, NotFoundError],
    [408, TimeoutError],
    [409, ConflictError],
    [429, RateLimitError],
    [500, UnavailableError],
    [501, UnsupportedOperationError],
    [502, UnavailableError],
    [503, UnavailableError],
    [504, UnavailableError],
    [599, UnavailableError],
  ] as const)("maps %i to %o", (status, ErrorClass) => {
    const error = errorFromResponse(vendor("digitalocean"), response(status), undefined);
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error.status).toBe(status);
    expect(error.provider).toBe("digitalocean");
  });

  it.each([402, 405, 410, 418])("maps an unexpected %i to the base class", (status) => {
    const error = errorFromResponse(vendor("cloud66"), response(status), undefined);
    expect(error.constructor).toBe(DatabaseUsersError);
    expect(error.code).toBe("api_error");
  });

  it("uses the vendor's message, code and request id", () => {
    const error = errorFromResponse(
      vendor("digitalocean", {
        message: "The resource you requested could not be found.",
        vendorCode: "not_found",
        requestId: "from-body",
      }),
      response(404, { "x-request-id": "from-header" }),
      { id: "not_found", message: "The resource you requested could not be found." },
    );
    expect(error.message).toBe("digitalocean answered 404: The resource you requested could not be found.");
    expect(error.vendorCode).toBe("not_found");
    expect(error.requestId).toBe("from-body");
  });

  it("falls back to the x-request-id header, then request-id", () => {
    const fromX = errorFromResponse(
      vendor("digitalocean"),
      response(500, { "x-request-id": "abc" }),
      undefined,
    );
    expect(fromX.requestId).toBe("abc");
    const fromPlain = errorFromResponse(vendor("cloud66"), response(500, { "request-id": "def" }), undefined);
    expect(fromPlain.requestId).toBe("def");
    const none = errorFromResponse(vendor("cloud66"), response(500), undefined);
    expect(none.requestId).toBeUndefined();
  });

  it("uses a plain-text body as the message when there is no vendor message, shortened", () => {
    const short = errorFromResponse(vendor("hostup"), response(502), "Bad gateway from nginx");
    expect(short.message).toBe("hostup answered 502: Bad gateway from nginx");
    const long = errorFromResponse(vendor("hostup"), response(502), "x".repeat(5_000));
    expect(long.message.length).toBeLessThan(400);
  });

  it("uses the status text, or a generic phrase, when the body says nothing", () => {
    expect(errorFromResponse(vendor("hostup"), response(503, {}, "Service Unavailable"), {}).message).toBe(
      "hostup answered 503: Service Unavailable",
    );
    expect(errorFromResponse(vendor("hostup"), response(503), undefined).message).toBe(
      "hostup answered 503: request failed",
    );
  });

  it("sets retryAfterMs on RateLimitError from the rate-limit headers", () => {
    const error = errorFromResponse(vendor("hostup"), response(429, { "retry-after": "30" }), undefined);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(30_000);
  });

  it("leaves retryAfterMs absent when the vendor gave no hint", () => {
    const error = errorFromResponse(vendor("hostup"), response(429), undefined);
    expect((error as RateLimitError).retryAfterMs).toBeUndefined();
  });

  it("makes a throttling answer with another status a RateLimitError (Cloud66 503 throttled)", () => {
    const error = errorFromResponse(
      vendor("cloud66", { message: "throttled" }, true),
      response(503),
      undefined,
    );
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.status).toBe(503);
  });

  it("keeps field issues on ValidationError", () => {
    const issues = [{ path: "name", message: "has already been taken" }];
    const error = errorFromResponse(vendor("scalingo", { issues }), response(422), undefined);
    expect((error as ValidationError).issues).toEqual(issues);
  });

  it("never lets a secret from the vendor message into the error", () => {
    const message =
      'password "Tr0ub4dor&3" does not meet policy; token=abcd1234efgh; auth Bearer eyJhbGciOi.x.y';
    const error = errorFromResponse(vendor("hostup", { message }), response(400), undefined);
    expect(error.message).not.toContain("Tr0ub4dor");
    expect(error.message).not.toContain("abcd1234efgh");
    expect(error.message).not.toContain("eyJhbGciOi");
  });
});
