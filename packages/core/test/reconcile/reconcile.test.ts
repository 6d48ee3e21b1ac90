import { describe, expect, it, vi } from "vitest";
import { isAmbiguousFailure, reconcileAmbiguousCreate } from "../../src/adapter.ts";
import {
  ConflictError,
  NotFoundError,
  PermissionError,
  RateLimitError,
  TimeoutError,
  UnavailableError,
  ValidationError,
} from "../../src/index.ts";
import { testClient } from "../helpers/client.ts";
import { connectionError, json } from "../helpers/fake-fetch.ts";

const provider = "digitalocean" as const;

describe("isAmbiguousFailure", () => {
  it.each([
    ["a lost connection", new UnavailableError("x", { provider, cause: new TypeError("fetch failed") })],
    ["a 5xx answer", new UnavailableError("x", { provider, status: 502 })],
    ["an attempt timeout", new TimeoutError("x", { provider })],
  ])("is true for %s", (_, error) => {
    expect(isAmbiguousFailure(error)).toBe(true);
  });

  it.each([
    ["a 408 (the server never took the request)", new TimeoutError("x", { provider, status: 408 })],
    ["a conflict", new ConflictError("x", { provider, status: 409 })],
    ["a rate limit", new RateLimitError("x", { provider, status: 429 })],
    ["a validation error", new ValidationError("x", { provider })],
    ["a plain error", new Error("x")],
  ])("is false for %s", (_, error) => {
    expect(isAmbiguousFailure(error)).toBe(false);
  });
});

describe("reconcileAmbiguousCreate", () => {
  it("returns the create's result and never looks up when the create succeeded", async () => {
    const recover = vi.fn(async () => "found");
    await expect(reconcileAmbiguousCreate({ create: async () => "created", recover })).resolves.toBe(
      "created",
    );
    expect(recover).not.toHaveBeenCalled();
  });

  it("throws a definite failure as it is, without looking up", async () => {
    const conflict = new ConflictError("exists", { provider, status: 409 });
    const recover = vi.fn(async () => "found");
    await expect(reconcileAmbiguousCreate({ create: () => Promise.reject(conflict), recover })).rejects.toBe(
      conflict,
    );
    expect(recover).not.toHaveBeenCalled();
  });

  it("returns what the lookup found after an ambiguous failure", async () => {
    const lost = new UnavailableError("lost", { provider });
    await expect(
      reconcileAmbiguousCreate({ create: () => Promise.reject(lost), recover: async () => "found" }),
    ).resolves.toBe("found");
  });

  it("throws the original failure when the lookup finds nothing: the create did not happen", async () => {
    const lost = new UnavailableError("lost", { provider });
    const missing = new NotFoundError("no such user", { provider, status: 404 });
    await expect(
      reconcileAmbiguousCreate({
        create: () => Promise.reject(lost),
        recover: () => Promise.reject(missing),
      }),
    ).rejects.toBe(lost);
  });

  it("throws the lookup's own failure when the lookup fails otherwise", async () => {
    const lost = new TimeoutError("slow", { provider });
    const denied = new PermissionError("no read scope", { provider, status: 403 });
    await expect(
      reconcileAmbiguousCreate({ create: () => Promise.reject(lost), recover: () => Promise.reject(denied) }),
    ).rejects.toBe(denied);
  });

  it("reconciles a POST whose connection broke, through a real client: one POST, then the lookup", async () => {
    const { client, seen } = testClient([connectionError(), json(200, { user: { name: "alice" } })]);
    const user = await reconcileAmbiguousCreate({
      create: async () => {
        await client.POST("/users", { body: { name: "alice", password: "pw" } });
        return "created";
      },
      recover: async () => {
        const { data } = await client.GET("/users/{name}", { params: { path: { name: "alice" } } });
        return data?.user.name ?? "none";
      },
    });
    expect(user).toBe("alice");
    expect(seen.map((request) => request.method)).toEqual(["POST", "GET"]);
  });
});
