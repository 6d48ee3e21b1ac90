import { afterEach, describe, expect, it, vi } from "vitest";
import { createApiClient, defineVendor, RETRY_COUNT_HEADER, unwrap } from "../../src/adapter.ts";
import { AuthenticationError, RateLimitError, UnavailableError, ValidationError } from "../../src/index.ts";
import { BASE_URL, type paths, testClient, testVendor } from "../helpers/client.ts";
import { connectionError, empty, fakeFetch, json, until } from "../helpers/fake-fetch.ts";

const ok = () => json(200, { users: [] });
const created = () => json(201, { user: { name: "alice" } });
const newUser = { name: "alice", password: "s3cret-pass" };

afterEach(() => {
  vi.useRealTimers();
});

describe("which requests are retried", () => {
  it.each([408, 429, 500, 502, 503, 504])("retries a GET answered %i", async (status) => {
    const { client, seen } = testClient([json(status, { id: "x", message: "x" }), ok()]);
    const { response } = await client.GET("/users");
    expect(response.status).toBe(200);
    expect(seen).toHaveLength(2);
  });

  it.each([400, 401, 403, 404, 409, 422, 501])("does not retry a GET answered %i", async (status) => {
    const { client, seen } = testClient([json(status, { id: "x", message: "x" }), ok()]);
    const { response } = await client.GET("/users");
    expect(response.status).toBe(status);
    expect(seen).toHaveLength(1);
  });

  it("retries a PUT answered 503 (idempotent)", async () => {
    const { client, seen } = testClient([
      json(503, { id: "unavailable", message: "busy" }),
      json(200, { user: { name: "alice" } }),
    ]);
    const { data } = await client.PUT("/users/{name}", {
      params: { path: { name: "alice" } },
      body: { password: "new-pass" },
    });
    expect(data).toEqual({ user: { name: "alice" } });
    expect(seen.map((r) => r.method)).toEqual(["PUT", "PUT"]);
  });

  it("retries a DELETE answered 502", async () => {
    const { client, seen } = testClient([json(502, { id: "bad_gateway", message: "x" }), empty(204)]);
    const { response } = await client.DELETE("/users/{name}", { params: { path: { name: "alice" } } });
    expect(response.status).toBe(204);
    expect(seen).toHaveLength(2);
  });

  it("does not retry a POST answered 500: the user may have been created", async () => {
    const { client, seen } = testClient([json(500, { id: "server_error", message: "oops" }), created()]);
    const { response, error } = await client.POST("/users", { body: newUser });
    expect(response.status).toBe(500);
    expect(error).toEqual({ id: "server_error", message: "oops" });
    expect(seen).toHaveLength(1);
  });

  it.each([502, 503, 504, 408])("does not retry a POST answered %i", async (status) => {
    const { client, seen } = testClient([json(status, { id: "x", message: "x" }), created()]);
    await client.POST("/users", { body: newUser });
    expect(seen).toHaveLength(1);
  });

  it("retries a POST answered 429: throttling proves nothing was done", async () => {
    const { client, seen } = testClient([
      json(429, { id: "too_many_requests", message: "slow down" }),
      created(),
    ]);
    const { response } = await client.POST("/users", { body: newUser });
    expect(response.status).toBe(201);
    expect(seen).toHaveLength(2);
  });

  it("does not retry a POST answered 503 when the client declared no throttle check", async () => {
    const { client, seen } = testClient([json(503, { error: "throttled" }), created()]);
    const { response } = await client.POST("/users", { body: newUser });
    expect(response.status).toBe(503);
    expect(seen).toHaveLength(1);
  });

  it("retries a POST when the vendor's throttle test recognises the answer (Cloud66 503 throttled)", async () => {
    const { client, seen } = testClient([new Response("throttled", { status: 503 }), created()]);
    const { response } = await client.POST("/users", { body: newUser });
    expect(response.status).toBe(201);
    expect(seen).toHaveLength(2);
  });

  it("does not retry a POST 503 that the throttle test rejects (Cloud66 503 not_implemented)", async () => {
    const { client, seen } = testClient([json(503, { error: "not_implemented" }), created()]);
    const { response, error } = await client.POST("/users", { body: newUser });
    expect(response.status).toBe(503);
    expect(error).toEqual({ error: "not_implemented" });
    expect(seen).toHaveLength(1);
  });

  it("hands the throttle test the parsed error body, and never calls it for successful answers", async () => {
    const isThrottled = vi.fn((_response: Response, body: unknown) => body === "throttled");
    const vendor = defineVendor({ provider: "throttling", isThrottled });
    const fake = fakeFetch([created(), new Response("throttled", { status: 503 }), created()]);
    const client = createApiClient<paths>(vendor, {
      baseUrl: BASE_URL,
      fetch: fake.fetch,
      retry: { baseDelayMs: 1, maxDelayMs: 2 },
    });
    await client.POST("/users", { body: newUser });
    expect(isThrottled).not.toHaveBeenCalled();
    await client.POST("/users", { body: newUser });
    // Asked by the retry decision, and again by what the re-send's answer may be taken for.
    expect(isThrottled.mock.calls.length).toBeGreaterThan(0);
    for (const [response, body] of isThrottled.mock.calls) {
      expect(response.status).toBe(503);
      expect(body).toBe("throttled");
    }
    expect(fake.seen).toHaveLength(3);
  });

  it("retries a GET after a connection error", async () => {
    const { client, seen } = testClient([connectionError(), ok()]);
    const { response } = await client.GET("/users");
    expect(response.status).toBe(200);
    expect(seen).toHaveLength(2);
  });

  it("does not retry a POST after a connection error and throws UnavailableError with the cause", async () => {
    const cause = connectionError();
    const { client, seen } = testClient([cause, created()]);
    const failure = await client.POST("/users", { body: newUser }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(UnavailableError);
    expect((failure as UnavailableError).cause).toBe(cause);
    expect((failure as UnavailableError).message).toContain("ECONNRESET");
    expect((failure as UnavailableError).provider).toBe("testvendor");
    expect((failure as UnavailableError).$metadata).toEqual({
      attempts: 1,
      totalRetryDelayMs: 0,
      mayHaveApplied: true,
    });
    expect(seen).toHaveLength(1);
  });

  it("re-sends a POST whose connection was refused: it never left this machine", async () => {
    const { client, seen } = testClient([connectionError("ECONNREFUSED"), created()]);
    const { response } = await client.POST("/users", { body: newUser });
    expect(response.status).toBe(201);
    expect(seen).toHaveLength(2);
  });

  it("marks a POST refused at every attempt as not applied", async () => {
    const refused = () => connectionError("ECONNREFUSED");
    const { client } = testClient([refused(), refused(), refused()]);
    const failure = await client.POST("/users", { body: newUser }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(UnavailableError);
    expect((failure as UnavailableError).$metadata?.mayHaveApplied).toBe(false);
    expect((failure as UnavailableError).$metadata?.attempts).toBe(3);
  });

  it("throws UnavailableError with the last cause once connection retries are exhausted", async () => {
    const last = connectionError();
    const { client, seen } = testClient([connectionError(), connectionError(), last]);
    const failure = await client.GET("/users").catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(UnavailableError);
    expect((failure as UnavailableError).cause).toBe(last);
    expect((failure as UnavailableError).status).toBeUndefined();
    expect(seen).toHaveLength(3);
  });

  it("does not retry errors that are not connection failures", async () => {
    const bug = new RangeError("not a network problem");
    const { client, seen } = testClient([bug, ok()]);
    await expect(client.GET("/users")).rejects.toBe(bug);
    expect(seen).toHaveLength(1);
  });
});

describe("retry budget", () => {
  it("makes maxRetries + 1 attempts by default (3) and returns the last answer", async () => {
    const { client, seen, remaining } = testClient([
      json(503, { id: "a", message: "first" }),
      json(503, { id: "b", message: "second" }),
      json(503, { id: "c", message: "third" }),
      ok(),
    ]);
    const { error, response } = await client.GET("/users");
    expect(seen).toHaveLength(3);
    expect(remaining()).toBe(1);
    expect(response.status).toBe(503);
    expect(error).toEqual({ id: "c", message: "third" });
  });

  it("honours a custom maxRetries", async () => {
    const { client, seen } = testClient([json(500, {}), json(500, {}), json(500, {}), json(500, {}), ok()], {
      retry: { maxRetries: 4, baseDelayMs: 1 },
    });
    const { response } = await client.GET("/users");
    expect(response.status).toBe(200);
    expect(seen).toHaveLength(5);
  });

  it("sends exactly once with retry: false", async () => {
    const { client, seen } = testClient([json(503, {}), ok()], { retry: false });
    const { response } = await client.GET("/users");
    expect(response.status).toBe(503);
    expect(seen).toHaveLength(1);
  });

  it("lets shouldRetry veto a retry the rules allow", async () => {
    const shouldRetry = vi.fn(() => false);
    const { client, seen } = testClient([json(503, {}), ok()], { retry: { shouldRetry } });
    await client.GET("/users");
    expect(seen).toHaveLength(1);
    expect(shouldRetry).toHaveBeenCalledWith(
      expect.objectContaining({
        attempt: 0,
        method: "GET",
        url: "https://api.example.test/v2/users",
        retryable: true,
      }),
    );
  });

  it("lets shouldRetry allow a retry the rules refuse, within the budget", async () => {
    const shouldRetry = vi.fn(({ response }: { response?: Response }) => response?.status === 409);
    const { client, seen } = testClient([json(409, {}), json(409, {}), json(409, {}), ok()], {
      retry: { shouldRetry, maxRetries: 2, baseDelayMs: 1 },
    });
    const { response } = await client.GET("/users");
    expect(response.status).toBe(409);
    expect(seen).toHaveLength(3);
    expect(shouldRetry.mock.calls.map(([context]) => (context as { retryable: boolean }).retryable)).toEqual([
      false,
      false,
    ]);
  });
});

describe("re-sends", () => {
  it("re-sends the request body byte for byte on every retry", async () => {
    const body = { name: "zoë-ünïcode-用户", password: "p@ss=w0rd&x" };
    const { client, seen } = testClient([json(429, {}), json(429, {}), created()]);
    await client.POST("/users", { body });
    expect(seen).toHaveLength(3);
    const expected = JSON.stringify(body);
    for (const request of seen) {
      expect(request.body).toBe(expected);
      expect(Buffer.from(request.body).equals(Buffer.from(expected))).toBe(true);
      expect(request.headers["content-type"]).toBe("application/json");
    }
  });

  it("re-sends PUT bodies intact", async () => {
    const { client, seen } = testClient([json(500, {}), json(504, {}), json(200, { user: { name: "a" } })]);
    await client.PUT("/users/{name}", { params: { path: { name: "a" } }, body: { password: "pw-1" } });
    expect(seen.map((request) => request.body)).toEqual(Array(3).fill('{"password":"pw-1"}'));
  });

  it("numbers re-sends with the retry count header, and not the first send", async () => {
    const { client, seen } = testClient([json(503, {}), json(503, {}), ok()]);
    await client.GET("/users");
    expect(seen.map((request) => request.headers[RETRY_COUNT_HEADER])).toEqual([undefined, "1", "2"]);
  });

  it("keeps the method, URL, query and credentials on re-sends", async () => {
    const { client, seen } = testClient([json(503, {}), ok()]);
    await client.GET("/users", { params: { query: { page: 3 } } });
    expect(seen[1]?.method).toBe("GET");
    expect(seen[1]?.url).toBe("https://api.example.test/v2/users?page=3");
    expect(seen[1]?.headers.authorization).toBe("Bearer do-token-123");
    expect(seen[1]?.headers["user-agent"]).toBe(seen[0]?.headers["user-agent"]);
  });

  it("sends every attempt through the fetch of the call when it has one", async () => {
    const perCall = vi.fn(async () => (perCall.mock.calls.length === 1 ? json(503, {}) : ok()));
    const { client, seen } = testClient([]);
    const { response } = await client.GET("/users", { fetch: perCall });
    expect(response.status).toBe(200);
    expect(seen).toHaveLength(0);
    expect(perCall).toHaveBeenCalledTimes(2);
  });

  it("hands the final error answer to unwrap for a typed error", async () => {
    const { client } = testClient([json(422, { id: "unprocessable_entity", message: "name is invalid" })]);
    const result = await client.POST("/users", { body: newUser });
    expect(() => unwrap(result, testVendor)).toThrow(ValidationError);
  });
});

describe("delays", () => {
  function fakeClock(): void {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
    vi.setSystemTime(new Date("2026-03-01T12:00:00Z"));
  }

  it("waits retry-after seconds before the re-send", async () => {
    fakeClock();
    const { client, seen } = testClient([json(429, {}, { "retry-after": "2" }), ok()]);
    const call = client.GET("/users");
    await vi.advanceTimersByTimeAsync(1_999);
    expect(seen).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect((await call).response.status).toBe(200);
    expect(seen).toHaveLength(2);
  });

  it("waits until a retry-after HTTP-date", async () => {
    fakeClock();
    const { client, seen } = testClient([
      json(503, {}, { "retry-after": "Sun, 01 Mar 2026 12:00:03 GMT" }),
      ok(),
    ]);
    const call = client.GET("/users");
    await vi.advanceTimersByTimeAsync(2_999);
    expect(seen).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect((await call).response.status).toBe(200);
  });

  it("re-sends at once when the retry-after date is in the past", async () => {
    fakeClock();
    // A backoff would wait up to 10 s here; the past date means "now".
    const { client, seen } = testClient(
      [json(503, {}, { "retry-after": "Sun, 01 Mar 2026 11:00:00 GMT" }), ok()],
      { retry: { baseDelayMs: 10_000, maxDelayMs: 10_000 }, random: () => 0.999 },
    );
    const call = client.GET("/users");
    await vi.advanceTimersByTimeAsync(1);
    expect(seen).toHaveLength(2);
    expect((await call).response.status).toBe(200);
  });

  it("honours retry-after-ms", async () => {
    fakeClock();
    const { client, seen } = testClient([json(429, {}, { "retry-after-ms": "250" }), ok()]);
    const call = client.GET("/users");
    await vi.advanceTimersByTimeAsync(249);
    expect(seen).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    await call;
    expect(seen).toHaveLength(2);
  });

  it("does not retry when retry-after exceeds maxRetryAfterMs, and the error carries the wait", async () => {
    const { client, seen } = testClient([
      json(429, { id: "too_many_requests", message: "slow" }, { "retry-after": "3600" }),
      ok(),
    ]);
    const result = await client.GET("/users");
    expect(seen).toHaveLength(1);
    const failure = (() => {
      try {
        unwrap(result, testVendor);
      } catch (error) {
        return error;
      }
    })();
    expect(failure).toBeInstanceOf(RateLimitError);
    expect((failure as RateLimitError).retryAfterMs).toBe(3_600_000);
  });

  it("applies a custom maxRetryAfterMs", async () => {
    const { client, seen } = testClient([json(429, {}, { "retry-after": "2" }), ok()], {
      retry: { maxRetryAfterMs: 1_000 },
    });
    await client.GET("/users");
    expect(seen).toHaveLength(1);
  });

  it("falls back to backoff when retry-after is malformed", async () => {
    fakeClock();
    const { client, seen } = testClient([json(503, {}, { "retry-after": "soon" }), ok()], {
      retry: { baseDelayMs: 1_000, maxDelayMs: 8_000 },
      random: () => 0.5,
    });
    const call = client.GET("/users");
    await vi.advanceTimersByTimeAsync(499);
    expect(seen).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    await call;
    expect(seen).toHaveLength(2);
  });

  it("waits until the ratelimit-reset epoch when nothing remains (DigitalOcean)", async () => {
    fakeClock();
    const reset = String(Date.parse("2026-03-01T12:00:05Z") / 1000);
    const { client, seen } = testClient([
      json(429, {}, { "ratelimit-limit": "5000", "ratelimit-remaining": "0", "ratelimit-reset": reset }),
      ok(),
    ]);
    const call = client.GET("/users");
    await vi.advanceTimersByTimeAsync(4_999);
    expect(seen).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    await call;
    expect(seen).toHaveLength(2);
  });

  it("waits until the x-ratelimit-reset ISO time (HostUp)", async () => {
    fakeClock();
    const { client, seen } = testClient([
      json(429, {}, { "x-ratelimit-remaining": "0", "x-ratelimit-reset": "2026-03-01T12:00:01.500Z" }),
      ok(),
    ]);
    const call = client.GET("/users");
    await vi.advanceTimersByTimeAsync(1_499);
    expect(seen).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    await call;
    expect(seen).toHaveLength(2);
  });

  it("jitters the backoff over the whole window: random = 0 re-sends at once", async () => {
    fakeClock();
    const { client, seen } = testClient([json(503, {}), json(503, {}), ok()], {
      retry: { baseDelayMs: 1_000, maxDelayMs: 8_000 },
      random: () => 0,
    });
    const call = client.GET("/users");
    // A zero delay still goes through setTimeout(0); one tick runs both re-sends.
    await vi.advanceTimersByTimeAsync(1);
    expect(seen).toHaveLength(3);
    await call;
  });

  it("jitters the backoff over the whole window: random ≈ 1 waits almost base·2^attempt", async () => {
    fakeClock();
    const { client, seen } = testClient([json(503, {}), json(503, {}), ok()], {
      retry: { baseDelayMs: 1_000, maxDelayMs: 8_000 },
      random: () => 0.999,
    });
    const call = client.GET("/users");
    await vi.advanceTimersByTimeAsync(998);
    expect(seen).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1); // 999 ms = 0.999 · 1000
    expect(seen).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1_996);
    expect(seen).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(2); // 1998 ms = 0.999 · 2000
    expect(seen).toHaveLength(3);
    await call;
  });

  it("caps the backoff window at maxDelayMs", async () => {
    fakeClock();
    const { client, seen } = testClient([json(503, {}), json(503, {}), ok()], {
      retry: { baseDelayMs: 1_000, maxDelayMs: 1_500 },
      random: () => 0.999,
    });
    const call = client.GET("/users");
    await vi.advanceTimersByTimeAsync(999);
    expect(seen).toHaveLength(2);
    // min(2000, 1500) · 0.999 = 1498.5 ms; timers run on whole milliseconds.
    await vi.advanceTimersByTimeAsync(1_497);
    expect(seen).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(seen).toHaveLength(3);
    await call;
  });
});

describe("aborting", () => {
  it("rejects at once with the caller's reason when aborted during the backoff, and sends nothing more", async () => {
    const { client, seen } = testClient([json(503, {}, { "retry-after": "30" }), ok()]);
    const controller = new AbortController();
    const reason = new Error("caller gave up");
    const call = client.GET("/users", { signal: controller.signal });
    await until(() => seen.length === 1);
    const abortedAt = Date.now();
    controller.abort(reason);
    await expect(call).rejects.toBe(reason);
    expect(Date.now() - abortedAt).toBeLessThan(500);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(seen).toHaveLength(1);
  });

  it("does not retry once the caller aborted, even if the answer was retryable", async () => {
    const controller = new AbortController();
    const { client, seen } = testClient([
      async () => {
        controller.abort(new Error("stop"));
        return json(503, {});
      },
      ok(),
    ]);
    await expect(client.GET("/users", { signal: controller.signal })).rejects.toThrow("stop");
    expect(seen).toHaveLength(1);
  });

  it("sends nothing when the signal is already aborted", async () => {
    const { client, seen } = testClient([ok()]);
    const reason = new Error("already");
    await expect(client.GET("/users", { signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
    expect(seen).toHaveLength(0);
  });

  it("never hands an already-aborted request to a custom fetch that would send it anyway", async () => {
    const sent: string[] = [];
    const careless = async (input: RequestInfo | URL) => {
      sent.push(String(input instanceof Request ? input.url : input));
      return new Response(JSON.stringify({ users: [] }), { headers: { "content-type": "application/json" } });
    };
    const client = createApiClient<paths>(testVendor, { baseUrl: BASE_URL, fetch: careless });
    const reason = new Error("already");
    await expect(client.GET("/users", { signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
    expect(sent).toEqual([]);
  });
});

describe("a credential that cannot be had", () => {
  it("sends nothing, and the error says so in its metadata: not applied", async () => {
    const refused = new AuthenticationError("testvendor: the token exchange was refused", {
      provider: "testvendor",
      status: 401,
    });
    const { client, seen } = testClient([created()], {
      token: async () => {
        throw refused;
      },
    });
    const failure = await client.POST("/users", { body: newUser }).catch((error: unknown) => error);
    expect(failure).toBe(refused);
    expect((failure as AuthenticationError).$metadata).toEqual({
      attempts: 0,
      totalRetryDelayMs: 0,
      mayHaveApplied: false,
    });
    expect(seen).toHaveLength(0);
  });
});
