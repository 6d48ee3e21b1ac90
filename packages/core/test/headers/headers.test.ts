import { readFileSync } from "node:fs";
import { describe, expect, it, vi } from "vitest";
import { Secret, VERSION } from "../../src/index.ts";
import { testClient } from "../helpers/client.ts";
import { json } from "../helpers/fake-fetch.ts";

const ok = () => json(200, { users: [] });

describe("identification and credential headers", () => {
  it("sends the bearer token, user-agent and accept", async () => {
    const { client, seen } = testClient([ok()]);
    await client.GET("/users");
    expect(seen[0]?.headers).toMatchObject({
      authorization: "Bearer do-token-123",
      "user-agent": `dbusers/${VERSION} (testvendor)`,
      accept: "application/json",
    });
  });

  it("puts the caller's user-agent first", async () => {
    const { client, seen } = testClient([ok()], { userAgent: "billing/1.4" });
    await client.GET("/users");
    expect(seen[0]?.headers["user-agent"]).toBe(`billing/1.4 dbusers/${VERSION} (testvendor)`);
  });

  it("asks for the credential on every call, awaiting async providers and unwrapping Secrets", async () => {
    let n = 0;
    const token = vi.fn(async () => new Secret(`token-${++n}`));
    const { client, seen } = testClient([ok(), ok()], { token });
    await client.GET("/users");
    await client.GET("/users");
    expect(seen.map((request) => request.headers.authorization)).toEqual([
      "Bearer token-1",
      "Bearer token-2",
    ]);
  });

  it("supports a vendor header, with or without a prefix, and HTTP Basic", async () => {
    const { client, seen } = testClient([ok()], { auth: { type: "header", name: "X-CxToken" } });
    await client.GET("/users");
    expect(seen[0]?.headers["x-cxtoken"]).toBe("do-token-123");
    expect(seen[0]?.headers.authorization).toBeUndefined();

    const prefixed = testClient([ok()], { auth: { type: "header", name: "X-Api-Key", prefix: "Token" } });
    await prefixed.client.GET("/users");
    expect(prefixed.seen[0]?.headers["x-api-key"]).toBe("Token do-token-123");

    // Scalingo's token exchange: Basic auth with an empty user and the API token as the password.
    const basic = testClient([ok()], { auth: { type: "basic", username: "" }, token: () => "tk-us-é" });
    await basic.client.GET("/users");
    const encoded = Buffer.from(":tk-us-é", "utf8").toString("base64");
    expect(basic.seen[0]?.headers.authorization).toBe(`Basic ${encoded}`);
  });

  it("lets a per-call header of the same name win over the credential", async () => {
    const { client, seen } = testClient([ok()]);
    await client.GET("/users", { headers: { authorization: "Bearer per-call" } });
    expect(seen[0]?.headers.authorization).toBe("Bearer per-call");
  });

  it("refuses a token provider that returns nothing, before sending", async () => {
    const { client, seen } = testClient([ok()], { token: () => "" });
    await expect(client.GET("/users")).rejects.toMatchObject({ code: "validation_error" });
    expect(seen).toHaveLength(0);
  });

  it("sends no credential when there is no token", async () => {
    const { client, seen } = testClient([ok()], { token: undefined });
    await client.GET("/users");
    expect(seen[0]?.headers.authorization).toBeUndefined();
  });

  it("keeps an accept header the caller chose", async () => {
    const { client, seen } = testClient([ok()]);
    await client.GET("/users", { headers: { accept: "application/vnd.test+json" } });
    expect(seen[0]?.headers.accept).toBe("application/vnd.test+json");
  });

  it("fails the call when the credential provider fails, without sending anything", async () => {
    const { client, seen } = testClient([ok()], {
      token: () => Promise.reject(new Error("token exchange failed")),
    });
    await expect(client.GET("/users")).rejects.toThrow("token exchange failed");
    expect(seen).toHaveLength(0);
  });
});

describe("VERSION", () => {
  it("is the version in package.json", () => {
    const manifest = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
      version: string;
    };
    expect(VERSION).toBe(manifest.version);
  });
});
