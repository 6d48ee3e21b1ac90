import { describe, expect, expectTypeOf, it } from "vitest";
import { defineVendor, unwrap } from "../../src/adapter.ts";
import { NotFoundError, RateLimitError, UnavailableError } from "../../src/index.ts";
import { testClient } from "../helpers/client.ts";
import { empty, json } from "../helpers/fake-fetch.ts";

interface DoError {
  id: string;
  message: string;
  request_id?: string;
}

const doLike = defineVendor({
  provider: "digitalocean",
  parseError: (body: unknown) => {
    const error = body as Partial<DoError> | undefined;
    return { message: error?.message, vendorCode: error?.id, requestId: error?.request_id };
  },
});

describe("unwrap", () => {
  it("returns the data of a successful answer, typed", async () => {
    const { client } = testClient([json(200, { user: { name: "alice" } })]);
    const user = unwrap(await client.GET("/users/{name}", { params: { path: { name: "alice" } } }), doLike);
    expect(user).toEqual({ user: { name: "alice" } });
    expectTypeOf(user.user.name).toEqualTypeOf<string>();
  });

  it("returns undefined for a 204 without making later code unreachable", async () => {
    const { client } = testClient([empty(204)]);
    const result = unwrap(
      await client.DELETE("/users/{name}", { params: { path: { name: "alice" } } }),
      doLike,
    );
    expect(result).toBeUndefined();
  });

  it("throws the typed error with the vendor's details", async () => {
    const { client } = testClient([
      json(404, {
        id: "not_found",
        message: "The resource you requested could not be found.",
        request_id: "r-9",
      }),
    ]);
    const result = await client.GET("/users/{name}", { params: { path: { name: "ghost" } } });
    let failure: unknown;
    try {
      unwrap(result, doLike);
    } catch (error) {
      failure = error;
    }
    expect(failure).toBeInstanceOf(NotFoundError);
    expect(failure).toMatchObject({
      status: 404,
      vendorCode: "not_found",
      requestId: "r-9",
      message: "digitalocean answered 404: The resource you requested could not be found.",
    });
  });

  it("throws for an error answer without a body (openapi-fetch leaves `error` undefined)", async () => {
    const { client } = testClient([empty(404, { "content-length": "0" })]);
    const result = await client.GET("/users/{name}", { params: { path: { name: "ghost" } } });
    expect(result.error).toBeUndefined();
    expect(() => unwrap(result, doLike)).toThrow(NotFoundError);
  });

  it("still throws the typed error when the vendor's body has an unexpected shape", async () => {
    const { client } = testClient([new Response("<html>upstream error</html>", { status: 500 })], {
      retry: false,
    });
    const result = await client.GET("/users");
    const fragile = defineVendor({
      provider: "digitalocean",
      parseError: (body: unknown) => ({ message: (body as { error: { text: string } }).error.text }),
    });
    expect(() => unwrap(result, fragile)).toThrow(UnavailableError);
    expect(() => unwrap(result, fragile)).toThrow("<html>upstream error</html>");
  });

  it("passes the vendor's throttling verdict on", async () => {
    const { client } = testClient([json(503, { error: "throttled" })], { retry: false });
    const result = await client.GET("/users");
    const cloud66Like = defineVendor({
      provider: "cloud66",
      isThrottled: (response, body) =>
        response.status === 503 && (body as { error?: string }).error === "throttled",
    });
    expect(() => unwrap(result, cloud66Like)).toThrow(RateLimitError);
  });
});
