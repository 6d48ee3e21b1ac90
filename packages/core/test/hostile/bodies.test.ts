import { describe, expect, it } from "vitest";
import { createApiClient, unwrap } from "../../src/adapter.ts";
import { InvalidResponseError, NotFoundError } from "../../src/index.ts";
import { type paths, testVendor } from "../helpers/client.ts";
import { deepJson, endlessBody, useLoopback } from "./loopback.ts";

const api = useLoopback();

const logged: unknown[] = [];
const client = (maxResponseBytes?: number) =>
  createApiClient<paths>(testVendor, {
    baseUrl: api.current.origin,
    token: () => "token-abcdef",
    retry: { baseDelayMs: 1, maxDelayMs: 1 },
    logger: { debug: (_message, meta) => logged.push(meta) },
    ...(maxResponseBytes ? { maxResponseBytes } : {}),
  });

async function thrown(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected a rejection");
}

describe("response bodies", () => {
  it("an endless 2xx body ends in an InvalidResponseError once past maxResponseBytes", async () => {
    let stream: { written: () => number } | undefined;
    api.current.answer((_request, response) => {
      stream = endlessBody(response);
    });
    const error = await thrown(client(256 * 1024).GET("/users"));
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as Error).message).toContain("262144 bytes");
    // Read is stopped, not drained: the server could write little past the limit before it was cut off.
    expect(stream?.written()).toBeLessThan(64 * 1024 * 1024);
    expect(api.current.received).toHaveLength(1);
  });

  it("an error answer with an endless body keeps its status's error", async () => {
    api.current.answer((_request, response) => {
      endlessBody(response, 404);
    });
    const result = await client(64 * 1024).GET("/users/{name}", { params: { path: { name: "a" } } });
    expect(() => unwrap(result, testVendor)).toThrow(NotFoundError);
  });

  it("a body within the limit, with its content-length, is read as usual", async () => {
    api.current.answer((_request, response) => {
      response.writeHead(200, { "content-type": "application/json" });
      response.end(JSON.stringify({ users: [{ name: "a" }] }));
    });
    const result = await client(1024).GET("/users");
    expect(unwrap(result, testVendor)).toEqual({ users: [{ name: "a" }] });
  });

  it("a content-length past the limit is refused without reading the body", async () => {
    api.current.answer((_request, response) => {
      const body = JSON.stringify({ users: Array.from({ length: 200 }, (_, i) => ({ name: `u${i}` })) });
      response.writeHead(200, { "content-type": "application/json", "content-length": body.length });
      response.end(body);
    });
    await expect(client(1024).GET("/users")).rejects.toThrow(InvalidResponseError);
  });
});

describe("deeply nested bodies", () => {
  it("a 2xx nested 3,000 levels is an InvalidResponseError, logged without a RangeError", async () => {
    api.current.answer((_request, response) => {
      response.writeHead(201, { "content-type": "application/json" }).end(deepJson(3_000));
    });
    logged.length = 0;
    const error = await thrown(client().POST("/users", { body: { name: "a", password: "pw-123456" } }));
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as Error).message).toContain("deeper than 64 levels");
    // The 2xx was an answer: the create may have been carried out.
    expect((error as InvalidResponseError).$metadata?.mayHaveApplied).toBe(true);
    expect(logged).toHaveLength(1);
  });

  it("a 404 nested 3,000 levels is still a NotFoundError, and its log line can be serialised", async () => {
    api.current.answer((_request, response) => {
      response.writeHead(404, { "content-type": "application/json" }).end(`{"error":${deepJson(3_000)}}`);
    });
    logged.length = 0;
    const result = await client().GET("/users/{name}", { params: { path: { name: "a" } } });
    expect(() => unwrap(result, testVendor)).toThrow(NotFoundError);
    expect(() => JSON.stringify(logged)).not.toThrow();
    expect(JSON.stringify(logged)).toContain("[TOO DEEP]");
  });

  it("a body nested 64 levels is accepted", async () => {
    api.current.answer((_request, response) => {
      response.writeHead(200, { "content-type": "application/json" }).end(deepJson(64));
    });
    const result = await client().GET("/users");
    expect(result.response.status).toBe(200);
  });
});
