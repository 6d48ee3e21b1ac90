import { describe, expect, it } from "vitest";
import { type ApiClientOptions, createApiClient } from "../../src/adapter.ts";
import { ValidationError } from "../../src/index.ts";
import { BASE_URL, testClient, testVendor } from "../helpers/client.ts";

/** The ValidationError making a client with `options` throws. */
function refusal(options: Partial<ApiClientOptions>): ValidationError {
  try {
    createApiClient(testVendor, { baseUrl: BASE_URL, ...options } as ApiClientOptions);
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
  throw new Error("accepted");
}

const SECRET = "s3cr3t-value";

describe("client options, checked when the client is made", () => {
  it("accepts every option a caller may give", async () => {
    const { client, seen } = testClient([Response.json({ users: [] })], {
      timeoutMs: 1_000,
      retry: { maxRetries: 0, baseDelayMs: 0, maxDelayMs: 0, maxRetryAfterMs: 0, shouldRetry: () => false },
      throttle: { maxConcurrency: 1, windows: [{ limit: 5, windowMs: 1_000 }] },
      headers: { "x-tenant": "acme", "x-note": "café\tbar" },
      userAgent: "billing-service/1.4",
      logger: {},
    });
    await client.GET("/users");
    expect(seen[0]?.headers).toMatchObject({ "x-tenant": "acme" });
    expect(() => refusal({ retry: false, throttle: false, baseUrl: "http://127.0.0.1:4010" })).toThrow(
      "accepted",
    );
  });

  it.each([
    [{ baseUrl: "not a url" }, "baseUrl", "must be an absolute http(s) URL without credentials"],
    [{ baseUrl: "ftp://example.test" }, "baseUrl", "must be an absolute http(s) URL without credentials"],
    [{ baseUrl: 5 }, "baseUrl", "must be an absolute http(s) URL without credentials"],
    [{ timeoutMs: -1 }, "timeoutMs", "must be a positive number of milliseconds"],
    [{ timeoutMs: Number.NaN }, "timeoutMs", "must be a positive number of milliseconds"],
    [{ timeoutMs: Number.POSITIVE_INFINITY }, "timeoutMs", "must be a positive number of milliseconds"],
    [{ timeoutMs: 2 ** 31 }, "timeoutMs", "must be a positive number of milliseconds"],
    [{ timeoutMs: "10" }, "timeoutMs", "must be a positive number of milliseconds"],
    [{ retry: "yes" }, "retry", "must be false or an object"],
    [{ retry: { maxRetries: Number.NaN } }, "retry.maxRetries", "must be a whole number, 0 or more"],
    [{ retry: { maxRetries: -1 } }, "retry.maxRetries", "must be a whole number, 0 or more"],
    [{ retry: { maxRetries: "3" } }, "retry.maxRetries", "must be a whole number, 0 or more"],
    [{ retry: { baseDelayMs: -5 } }, "retry.baseDelayMs", "must be a non-negative number of milliseconds"],
    [{ retry: { shouldRetry: "x" } }, "retry.shouldRetry", "must be a function"],
    [{ throttle: true }, "throttle", "must be false or an object"],
    [{ throttle: { maxConcurrency: 0 } }, "throttle.maxConcurrency", "must be a whole number, 1 or more"],
    [
      { throttle: { windows: {} } },
      "throttle.windows",
      "must be a list of { limit: a whole number, 1 or more; windowMs }",
    ],
    [
      { throttle: { windows: [{ limit: 0, windowMs: 1 }] } },
      "throttle.windows",
      "must be a list of { limit: a whole number, 1 or more; windowMs }",
    ],
    [
      { throttle: { windows: [{ limit: 1 }] } },
      "throttle.windows",
      "must be a list of { limit: a whole number, 1 or more; windowMs }",
    ],
    [
      { throttle: { windows: [null] } },
      "throttle.windows",
      "must be a list of { limit: a whole number, 1 or more; windowMs }",
    ],
    [
      { headers: "x" },
      "headers",
      "must map header names to strings without line breaks or control characters",
    ],
    [
      { headers: ["x-a", "b"] },
      "headers",
      "must map header names to strings without line breaks or control characters",
    ],
    [
      { headers: { "bad name": "x" } },
      "headers",
      "must map header names to strings without line breaks or control characters",
    ],
    [
      { headers: { "x-a": 1 } },
      "headers",
      "must map header names to strings without line breaks or control characters",
    ],
    [{ userAgent: "a\nb" }, "userAgent", "must be a string without line breaks or control characters"],
    [{ fetch: "x" }, "fetch", "must be a function"],
    [{ logger: "debug" }, "logger", "must be an object with a debug, info, warn or error method"],
  ])("refuses %j, naming %s", (options, path, message) => {
    const error = refusal(options as Partial<ApiClientOptions>);
    expect(error.issues).toEqual([{ path, message }]);
    expect(error.provider).toBe("testvendor");
  });

  it("lists every problem at once", () => {
    const error = refusal({ timeoutMs: 0, retry: { maxRetries: -1 }, userAgent: "a\rb" });
    expect(error.issues?.map((issue) => issue.path)).toEqual(["timeoutMs", "retry.maxRetries", "userAgent"]);
  });

  it("never quotes a header's value, which may be a credential", () => {
    const error = refusal({ headers: { "x-api-key": `${SECRET}\r\nx-injected: 1` } });
    expect(error.issues).toEqual([
      {
        path: "headers",
        message: "must map header names to strings without line breaks or control characters",
      },
    ]);
    expect(JSON.stringify(error)).not.toContain(SECRET);
    expect(String(error.stack)).not.toContain(SECRET);
  });
});

describe("the call's signal", () => {
  it("must be an AbortSignal: anything else is refused before anything is sent", async () => {
    const { client, seen } = testClient([Response.json({ users: [] })]);
    await expect(client.GET("/users", { signal: "x" as never })).rejects.toMatchObject({
      name: "ValidationError",
      issues: [{ path: "signal", message: "must be an AbortSignal" }],
    });
    expect(seen).toEqual([]);
  });
});
