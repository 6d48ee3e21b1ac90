import { describe, expect, it } from "vitest";
import { TimeoutError } from "../../src/index.ts";
import { testClient } from "../helpers/client.ts";
import { after, hang, json, stalledBody } from "../helpers/fake-fetch.ts";

const ok = () => json(200, { users: [{ name: "alice" }] });

describe("per-attempt timeout", () => {
  it("surfaces a timeout as TimeoutError", async () => {
    const { client } = testClient([hang()], { timeoutMs: 20, retry: false });
    const failure = await client.GET("/users").catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(TimeoutError);
    expect(failure).toMatchObject({ code: "timeout", provider: "testvendor", retryable: true });
    expect((failure as TimeoutError).message).toContain("20 ms");
    expect((failure as TimeoutError).cause).toBeInstanceOf(DOMException);
  });

  it("gives every attempt a fresh budget: a retry is not left with what the first attempt used up", async () => {
    // Attempt 1 burns its 60 ms; attempt 2 needs 40 ms. A budget shared across attempts would have
    // expired 20 ms into the second one.
    const { client, seen } = testClient([hang(), after(40, ok)], { timeoutMs: 60 });
    const { data } = await client.GET("/users");
    expect(data).toEqual({ users: [{ name: "alice" }] });
    expect(seen).toHaveLength(2);
    expect(seen[0]?.signal.aborted).toBe(true);
    expect(seen[1]?.signal.aborted).toBe(false);
    expect(seen[0]?.signal).not.toBe(seen[1]?.signal);
  });

  it("throws TimeoutError when every attempt times out", async () => {
    const { client, seen } = testClient([hang(), hang(), hang()], { timeoutMs: 10 });
    await expect(client.GET("/users")).rejects.toBeInstanceOf(TimeoutError);
    expect(seen).toHaveLength(3);
  });

  it("does not retry a POST that timed out: it may have been carried out", async () => {
    const { client, seen } = testClient([hang(), json(201, {})], { timeoutMs: 10 });
    await expect(client.POST("/users", { body: { name: "alice" } })).rejects.toBeInstanceOf(TimeoutError);
    expect(seen).toHaveLength(1);
  });

  it("covers the response body: a body that stalls times out too, and is retried", async () => {
    const { client, seen } = testClient([stalledBody(), ok()], { timeoutMs: 30 });
    const { data } = await client.GET("/users");
    expect(data).toEqual({ users: [{ name: "alice" }] });
    expect(seen).toHaveLength(2);
  });

  it("reports a stalled body as TimeoutError when no retry is left", async () => {
    const { client } = testClient([stalledBody()], { timeoutMs: 20, retry: false });
    await expect(client.GET("/users")).rejects.toBeInstanceOf(TimeoutError);
  });

  it("leaves fast answers alone", async () => {
    const { client } = testClient([after(5, ok)], { timeoutMs: 1_000 });
    const { data } = await client.GET("/users");
    expect(data).toEqual({ users: [{ name: "alice" }] });
  });

  it("passes a 204 answer through (a body-less status)", async () => {
    const { client } = testClient([new Response(null, { status: 204 })]);
    const { response, data } = await client.DELETE("/users/{name}", { params: { path: { name: "alice" } } });
    expect(response.status).toBe(204);
    expect(data).toBeUndefined();
  });
});

describe("caller abort", () => {
  it("rejects with the caller's reason unchanged, not a TimeoutError", async () => {
    const { client, seen } = testClient([hang(), ok()], { timeoutMs: 5_000 });
    const controller = new AbortController();
    const call = client.GET("/users", { signal: controller.signal });
    setTimeout(() => controller.abort(), 10);
    const failure = await call.catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(DOMException);
    expect((failure as DOMException).name).toBe("AbortError");
    expect(failure).toBe(controller.signal.reason);
    expect(seen).toHaveLength(1);
  });

  it("keeps a caller's own AbortSignal.timeout reason rather than converting it", async () => {
    const { client, seen } = testClient([hang(), ok()], { timeoutMs: 5_000 });
    const signal = AbortSignal.timeout(10);
    const failure = await client.GET("/users", { signal }).catch((error: unknown) => error);
    expect(failure).not.toBeInstanceOf(TimeoutError);
    expect(failure).toBe(signal.reason);
    expect(seen).toHaveLength(1);
  });

  it("passes a custom abort reason through", async () => {
    const { client } = testClient([hang()], { timeoutMs: 5_000 });
    const controller = new AbortController();
    const reason = { why: "user navigated away" };
    setTimeout(() => controller.abort(reason), 5);
    await expect(client.GET("/users", { signal: controller.signal })).rejects.toBe(reason);
  });
});
