import type { Middleware } from "openapi-fetch";
import { describe, expect, it, vi } from "vitest";
import { RETRY_COUNT_HEADER } from "../../src/adapter.ts";
import { testClient } from "../helpers/client.ts";
import { json } from "../helpers/fake-fetch.ts";

// Every attempt re-enters the whole openapi-fetch call (octokit's hook.wrap), so whatever runs per
// call runs per attempt: the user's middleware, the credential, the timeout, the body serializer.

const throttled = () => json(429, { id: "too_many_requests", message: "slow down" }, { "retry-after": "0" });
const created = () => json(201, { user: { name: "alice" } });

describe("each attempt runs the whole chain", () => {
  it("shows every attempt to middleware the user adds after core's", async () => {
    const { client } = testClient([throttled(), throttled(), created()]);
    const seenByMiddleware: Array<{ retry: string | null; status?: number }> = [];
    const middleware: Middleware = {
      onRequest: ({ request }) => {
        seenByMiddleware.push({ retry: request.headers.get(RETRY_COUNT_HEADER) });
      },
      onResponse: ({ response }) => {
        const last = seenByMiddleware.at(-1);
        if (last) last.status = response.status;
      },
    };
    client.use(middleware);
    const { response } = await client.POST("/users", { body: { name: "alice", password: "pw-1" } });
    expect(response.status).toBe(201);
    expect(seenByMiddleware).toEqual([
      { retry: null, status: 429 },
      { retry: "1", status: 429 },
      { retry: "2", status: 201 },
    ]);
  });

  it("asks a token provider on every attempt, and each re-send carries the new token", async () => {
    let issued = 0;
    const token = vi.fn(() => `rotating-${++issued}`);
    const { client, seen } = testClient([throttled(), created()], { token });
    await client.POST("/users", { body: { name: "alice", password: "pw-1" } });
    expect(token).toHaveBeenCalledTimes(2);
    expect(seen.map((request) => request.headers.authorization)).toEqual([
      "Bearer rotating-1",
      "Bearer rotating-2",
    ]);
  });

  it("re-sends a POST body intact after a 429, serialized again from the caller's object", async () => {
    const { client, seen } = testClient([throttled(), created()]);
    const body = { name: "alice", password: "p@ss wörd/ünïcode" };
    await client.POST("/users", { body });
    expect(seen.map((request) => request.body)).toEqual([JSON.stringify(body), JSON.stringify(body)]);
  });

  it("lets middleware that is ejected stop seeing attempts", async () => {
    const { client } = testClient([created(), created()]);
    const onRequest = vi.fn();
    const middleware: Middleware = { onRequest };
    client.use(middleware);
    await client.POST("/users", { body: { name: "alice", password: "pw" } });
    client.eject(middleware);
    await client.POST("/users", { body: { name: "alice", password: "pw" } });
    expect(onRequest).toHaveBeenCalledTimes(1);
  });

  it("sends the client's extra headers on every attempt", async () => {
    const { client, seen } = testClient([throttled(), created()], { headers: { "x-team": "billing" } });
    await client.POST("/users", { body: { name: "alice", password: "pw" } });
    expect(seen.map((request) => request.headers["x-team"])).toEqual(["billing", "billing"]);
  });
});
