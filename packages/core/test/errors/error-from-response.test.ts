import { describe, expect, it } from "vitest";
import {
  AuthenticationError,
  ConflictError,
  DatabaseUsersError,
  errorFromResponse,
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
    const error = errorFromResponse({ provider: "digitalocean", response: response(status) });
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error.status).toBe(status);
    expect(error.provider).toBe("digitalocean");
  });

  it.each([402, 405, 410, 418])("maps an unexpected %i to the base class", (status) => {
    const error = errorFromResponse({ provider: "cloud66", response: response(status) });
    expect(error.constructor).toBe(DatabaseUsersError);
    expect(error.code).toBe("api_error");
  });

  it("uses the vendor's message, code and request id", () => {
    const error = errorFromResponse({
      provider: "digitalocean",
      response: response(404, { "x-request-id": "from-header" }),
      body: { id: "not_found", message: "The resource you requested could not be found." },
      message: "The resource you requested could not be found.",
      vendorCode: "not_found",
      requestId: "from-body",
    });
    expect(error.message).toBe("digitalocean answered 404: The resource you requested could not be found.");
    expect(error.vendorCode).toBe("not_found");
    expect(error.requestId).toBe("from-body");
  });

  it("falls back to the x-request-id header, then request-id", () => {
    const fromX = errorFromResponse({
      provider: "digitalocean",
      response: response(500, { "x-request-id": "abc" }),
    });
    expect(fromX.requestId).toBe("abc");
    const fromPlain = errorFromResponse({
      provider: "cloud66",
      response: response(500, { "request-id": "def" }),
    });
    expect(fromPlain.requestId).toBe("def");
    const none = errorFromResponse({ provider: "cloud66", response: response(500) });
    expect(none.requestId).toBeUndefined();
  });

  it("uses a plain-text body as the message when there is no vendor message, shortened", () => {
    const short = errorFromResponse({
      provider: "hostup",
      response: response(502),
      body: "Bad gateway from nginx",
    });
    expect(short.message).toBe("hostup answered 502: Bad gateway from nginx");
    const long = errorFromResponse({ provider: "hostup", response: response(502), body: "x".repeat(5_000) });
    expect(long.message.length).toBeLessThan(400);
  });

  it("uses the status text, or a generic phrase, when the body says nothing", () => {
    expect(
      errorFromResponse({ provider: "hostup", response: response(503, {}, "Service Unavailable"), body: {} })
        .message,
    ).toBe("hostup answered 503: Service Unavailable");
    expect(errorFromResponse({ provider: "hostup", response: response(503) }).message).toBe(
      "hostup answered 503: request failed",
    );
  });

  it("sets retryAfterMs on RateLimitError from the rate-limit headers", () => {
    const error = errorFromResponse({ provider: "hostup", response: response(429, { "retry-after": "30" }) });
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(30_000);
  });

  it("leaves retryAfterMs absent when the vendor gave no hint", () => {
    const error = errorFromResponse({ provider: "hostup", response: response(429) });
    expect((error as RateLimitError).retryAfterMs).toBeUndefined();
  });

  it("makes a throttling answer with another status a RateLimitError (Cloud66 503 throttled)", () => {
    const error = errorFromResponse({
      provider: "cloud66",
      response: response(503),
      message: "throttled",
      throttled: true,
    });
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.status).toBe(503);
  });

  it("keeps field issues on ValidationError", () => {
    const issues = [{ path: "name", message: "has already been taken" }];
    const error = errorFromResponse({ provider: "scalingo", response: response(422), issues });
    expect((error as ValidationError).issues).toEqual(issues);
  });

  it("never lets a secret from the vendor message into the error", () => {
    const error = errorFromResponse({
      provider: "hostup",
      response: response(400),
      message: 'password "Tr0ub4dor&3" does not meet policy; token=abcd1234efgh; auth Bearer eyJhbGciOi.x.y',
    });
    expect(error.message).not.toContain("Tr0ub4dor");
    expect(error.message).not.toContain("abcd1234efgh");
    expect(error.message).not.toContain("eyJhbGciOi");
  });
});
