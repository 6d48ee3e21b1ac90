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
      "user-agent": `dbusers/${VERSION} (digitalocean)`,
      accept: "application/json",
    });
  });

  it("puts the caller's user-agent first", async () => {
    const { client, seen } = testClient([ok()], { provider: "hostup", userAgent: "billing/1.4" });
    await client.GET("/users");
    expect(seen[0]?.headers["user-agent"]).toBe(`billing/1.4 dbusers/${VERSION} (hostup)`);
  });

  it("asks for the credential on every call, awaiting async providers and unwrapping Secrets", async () => {
    let n = 0;
    const auth = vi.fn(async () => new Secret(`token-${++n}`));
    const { client, seen } = testClient([ok(), ok()], { auth });
    await client.GET("/users");
    await client.GET("/users");
    expect(seen.map((request) => request.headers.authorization)).toEqual([
      "Bearer token-1",
      "Bearer token-2",
    ]);
  });

  it("supports another header and scheme, or none", async () => {
    const { client, seen } = testClient([ok()], { authHeader: "X-CxToken", authScheme: "" });
    await client.GET("/users");
    expect(seen[0]?.headers["x-cxtoken"]).toBe("do-token-123");
    expect(seen[0]?.headers.authorization).toBeUndefined();

    const basic = testClient([ok()], { authScheme: "Basic", auth: () => btoa(":api-token") });
    await basic.client.GET("/users");
    expect(basic.seen[0]?.headers.authorization).toBe(`Basic ${btoa(":api-token")}`);
  });

  it("sends no credential when there is no auth", async () => {
    const { client, seen } = testClient([ok()], { auth: undefined });
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
      auth: () => Promise.reject(new Error("token exchange failed")),
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
