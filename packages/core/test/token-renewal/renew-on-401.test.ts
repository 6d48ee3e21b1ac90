import { describe, expect, it, vi } from "vitest";
import { createTokenCache, RETRY_COUNT_HEADER, unwrap } from "../../src/adapter.ts";
import { AuthenticationError, type TokenProvider } from "../../src/index.ts";
import { testClient, testVendor } from "../helpers/client.ts";
import { json } from "../helpers/fake-fetch.ts";

// A token provider that can renew (a cache of short-lived tokens) gets one chance per call to replace a
// credential the vendor refused: the transport invalidates it and sends the request again.

const refused = () => json(401, { id: "unauthorized", message: "token expired" });
const ok = () => json(200, { users: [] });

/** A provider handing out token-1, token-2, … and renewing only when invalidated. */
function renewingProvider() {
  let issued = 1;
  const invalidate = vi.fn(() => {
    issued += 1;
  });
  const token: TokenProvider = Object.assign(() => `token-${issued}`, { invalidate });
  return { token, invalidate };
}

describe("a 401 with a renewable token", () => {
  it("invalidates the refused token and sends the request once more with the new one", async () => {
    const { token, invalidate } = renewingProvider();
    const { client, seen } = testClient([refused(), ok()], { token });
    const { response } = await client.GET("/users");
    expect(response.status).toBe(200);
    expect(invalidate).toHaveBeenCalledExactlyOnceWith("token-1");
    expect(seen.map((request) => request.headers.authorization)).toEqual([
      "Bearer token-1",
      "Bearer token-2",
    ]);
    expect(seen[1]?.headers[RETRY_COUNT_HEADER]).toBe("1");
  });

  it("re-sends a POST too, with its body intact: a 401 proves nothing was done", async () => {
    const { token } = renewingProvider();
    const { client, seen } = testClient([refused(), json(201, { user: { name: "alice" } })], { token });
    const body = { name: "alice", password: "pw-ünïcode" };
    const { response } = await client.POST("/users", { body });
    expect(response.status).toBe(201);
    expect(seen.map((request) => [request.method, request.body])).toEqual([
      ["POST", JSON.stringify(body)],
      ["POST", JSON.stringify(body)],
    ]);
  });

  it("surfaces a second 401 as the answer (AuthenticationError), without a third request", async () => {
    const { token, invalidate } = renewingProvider();
    const { client, seen, remaining } = testClient([refused(), refused(), ok()], { token });
    const result = await client.GET("/users");
    expect(() => unwrap(result, testVendor)).toThrow(AuthenticationError);
    expect(seen).toHaveLength(2);
    expect(remaining()).toBe(1);
    expect(invalidate).toHaveBeenCalledOnce();
  });

  it("is not a retry: it happens with retries off and leaves the retry budget whole", async () => {
    const { token } = renewingProvider();
    const off = testClient([refused(), ok()], { token, retry: false });
    expect((await off.client.GET("/users")).response.status).toBe(200);

    const throttled = () => json(429, { id: "too_many_requests", message: "slow" }, { "retry-after": "0" });
    const oneRetry = testClient([refused(), throttled(), ok()], {
      token,
      retry: { maxRetries: 1, baseDelayMs: 1 },
    });
    expect((await oneRetry.client.GET("/users")).response.status).toBe(200);
    expect(oneRetry.seen).toHaveLength(3);
  });

  it("renews once for two concurrent calls refused with the same token", async () => {
    let fetched = 0;
    const cache = createTokenCache({ fetch: async () => `token-${++fetched}` });
    const answer = async (request: Request) =>
      request.headers.get("authorization") === "Bearer token-1" ? refused() : ok();
    const { client, seen } = testClient([answer, answer, answer, answer], { token: cache });
    const results = await Promise.all([client.GET("/users"), client.GET("/users")]);
    expect(results.map((result) => result.response.status)).toEqual([200, 200]);
    expect(fetched).toBe(2);
    expect(seen.map((request) => request.headers.authorization).sort()).toEqual([
      "Bearer token-1",
      "Bearer token-1",
      "Bearer token-2",
      "Bearer token-2",
    ]);
  });

  it("does not re-send when the caller aborted while the 401 came back", async () => {
    const { token, invalidate } = renewingProvider();
    const controller = new AbortController();
    const reason = new Error("caller gave up");
    const { client, seen } = testClient(
      [
        async () => {
          controller.abort(reason);
          return refused();
        },
        ok(),
      ],
      { token },
    );
    await expect(client.GET("/users", { signal: controller.signal })).rejects.toBe(reason);
    expect(seen).toHaveLength(1);
    expect(invalidate).not.toHaveBeenCalled();
  });
});

describe("the caller's signal", () => {
  it("reaches the token provider, so that a provider waiting for an exchange can stop", async () => {
    const token = vi.fn(() => "token-1");
    const { client } = testClient([ok()], { token });
    const controller = new AbortController();
    await client.GET("/users", { signal: controller.signal });
    expect(token).toHaveBeenCalledExactlyOnceWith({ signal: controller.signal });
  });

  it("aborted while a provider that ignores it was answering: nothing is sent, the caller's reason wins", async () => {
    const controller = new AbortController();
    const reason = new Error("caller gave up");
    const token = () => {
      controller.abort(reason);
      return "token-1";
    };
    const { client, seen } = testClient([ok()], { token });
    await expect(client.GET("/users", { signal: controller.signal })).rejects.toBe(reason);
    expect(seen).toHaveLength(0);
  });
});

describe("a 401 with a token that cannot renew", () => {
  it.each([
    ["a fixed token", undefined],
    ["a plain provider function", () => "rotating-token"],
  ])("with %s, is the answer at once", async (_, token) => {
    const { client, seen } = testClient([refused(), ok()], token ? { token } : {});
    expect((await client.GET("/users")).response.status).toBe(401);
    expect(seen).toHaveLength(1);
  });
});
