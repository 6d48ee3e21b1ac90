import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createApiClient, unwrap } from "../../src/adapter.ts";
import { RedirectError } from "../../src/index.ts";
import { type paths, testVendor } from "../helpers/client.ts";
import { type Loopback, startLoopback } from "./loopback.ts";

// Node's fetch follows a 307/308 with the body and every redirect with the caller's headers; the
// transport sends with `redirect: "manual"` and decides itself. Two loopback servers on different
// ports are two origins.

let api: Loopback;
let other: Loopback;

beforeAll(async () => {
  [api, other] = await Promise.all([startLoopback(), startLoopback()]);
  other.answer((_request, response) => response.writeHead(204).end());
});
afterAll(() => Promise.all([api.close(), other.close()]));
beforeEach(() => {
  api.received.length = 0;
  other.received.length = 0;
});

const client = () =>
  createApiClient<paths>(testVendor, {
    baseUrl: api.origin,
    token: () => "token-abcdef",
    headers: { "x-team-secret": "team-secret-value" },
    retry: { baseDelayMs: 1, maxDelayMs: 1 },
  });

const redirectTo = (status: number, location: (origin: string) => string) =>
  api.answer((request, response) => {
    if (request.url?.startsWith("/moved")) {
      response.writeHead(200, { "content-type": "application/json" });
      response.end(JSON.stringify({ user: { name: "moved" } }));
      return;
    }
    response.writeHead(status, { location: location(api.origin) }).end();
  });

describe("redirects", () => {
  it("a read follows a redirect within the API's origin", async () => {
    redirectTo(302, (origin) => `${origin}/moved`);
    const result = await client().GET("/users/{name}", { params: { path: { name: "a" } } });
    expect(unwrap(result, testVendor)).toEqual({ user: { name: "moved" } });
    expect(api.received.map((request) => request.url)).toEqual(["/users/a", "/moved"]);
  });

  for (const status of [301, 302, 303, 307, 308]) {
    it(`a ${status} to another origin is not followed: a RedirectError names its origin only`, async () => {
      redirectTo(status, () => `${other.origin}/steal?token=abc`);
      const result = await client().PUT("/users/{name}", {
        params: { path: { name: "a" } },
        body: { password: "new-password-123" },
      });
      const error = (() => {
        try {
          unwrap(result, testVendor);
        } catch (thrown) {
          return thrown as RedirectError;
        }
      })();
      expect(error).toBeInstanceOf(RedirectError);
      expect(error?.targetOrigin).toBe(other.origin);
      expect(error?.message).toContain(other.origin);
      expect(error?.message).not.toContain("steal");
      expect(error?.message).not.toContain("token=abc");
      expect(other.received).toEqual([]);
    });
  }

  it("a read does not follow a redirect to another origin either: no header reaches it", async () => {
    redirectTo(302, () => `${other.origin}/users`);
    const result = await client().GET("/users");
    expect(() => unwrap(result, testVendor)).toThrow(RedirectError);
    expect(other.received).toEqual([]);
    expect(api.received[0]?.headers["x-team-secret"]).toBe("team-secret-value");
  });

  it("a mutation follows no redirect, even within the origin; a 307 proves nothing was done", async () => {
    redirectTo(307, (origin) => `${origin}/moved`);
    const result = await client().POST("/users", { body: { name: "a", password: "new-password-123" } });
    expect(result.response.status).toBe(307);
    expect(api.received).toHaveLength(1);
    expect((result as unknown as { $metadata: { mayHaveApplied: boolean } }).$metadata.mayHaveApplied).toBe(
      false,
    );
  });

  it("a 303 to a mutation says its result is elsewhere: it may have been applied", async () => {
    redirectTo(303, (origin) => `${origin}/moved`);
    const result = await client().POST("/users", { body: { name: "a", password: "new-password-123" } });
    expect((result as unknown as { $metadata: { mayHaveApplied: boolean } }).$metadata.mayHaveApplied).toBe(
      true,
    );
  });

  it("a read follows five redirects at most: a loop ends in a RedirectError", async () => {
    redirectTo(302, (origin) => `${origin}/users`);
    const result = await client().GET("/users");
    expect(() => unwrap(result, testVendor)).toThrow(RedirectError);
    expect(api.received).toHaveLength(6);
  });

  it("a call's own redirect: 'follow' does not re-open the leak", async () => {
    redirectTo(308, () => `${other.origin}/users`);
    const result = await client().POST("/users", {
      body: { name: "a", password: "new-password-123" },
      redirect: "follow",
    } as never);
    expect(result.response.status).toBe(308);
    expect(other.received).toEqual([]);
  });
});
