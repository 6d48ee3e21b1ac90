import { describe, expect, it } from "vitest";
import { type Logger, Secret, UnavailableError } from "../../src/index.ts";
import { testClient } from "../helpers/client.ts";
import { connectionError, json } from "../helpers/fake-fetch.ts";

const TOKEN = "dop_v1_0123456789abcdef";
const PASSWORD = "Sup3r-S3cret-Pw";
const RETURNED_PASSWORD = "AVNS_generated_pw_42";

interface Line {
  level: string;
  message: string;
  meta: Record<string, unknown> | undefined;
}

function captureLogger(): { logger: Logger; lines: Line[] } {
  const lines: Line[] = [];
  const at =
    (level: string) =>
    (message: string, meta?: Record<string, unknown>): void => {
      lines.push({ level, message, meta });
    };
  return { logger: { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") }, lines };
}

describe("request logging", () => {
  it("writes one debug line per attempt with method, url, status, attempt and duration", async () => {
    const { logger, lines } = captureLogger();
    const { client } = testClient(
      [json(503, { id: "unavailable", message: "later" }), json(200, { users: [] })],
      {
        logger,
        token: () => TOKEN,
      },
    );
    await client.GET("/users", { params: { query: { page: 2 } } });
    expect(lines).toHaveLength(2);
    expect(lines.map((line) => line.level)).toEqual(["debug", "debug"]);
    expect(lines[0]?.meta).toMatchObject({
      provider: "testvendor",
      method: "GET",
      url: "https://api.example.test/v2/users?page=2",
      status: 503,
      attempt: 0,
    });
    expect(lines[1]?.meta).toMatchObject({ status: 200, attempt: 1 });
    expect(typeof lines[0]?.meta?.durationMs).toBe("number");
    expect(lines[0]?.message).toBe("testvendor GET https://api.example.test/v2/users?page=2 -> 503");
  });

  it("says how long an attempt waited for its turn: a call slowed down by a rate limit shows why", async () => {
    const { logger, lines } = captureLogger();
    const spent = { "ratelimit-remaining": "0", "ratelimit-reset": "0.2" }; // nothing left for 200 ms
    const { client } = testClient([json(200, { users: [] }, spent), json(200, { users: [] })], { logger });
    await client.GET("/users");
    await client.GET("/users");
    expect(lines.map((line) => line.meta?.waitedMs)).toEqual([0, expect.any(Number)]);
    expect(lines[1]?.meta?.waitedMs).toBeGreaterThanOrEqual(150);
  });

  it("never writes the token, the sent password or the returned password", async () => {
    const { logger, lines } = captureLogger();
    const { client } = testClient(
      [
        json(429, { id: "too_many_requests", message: `slow down, Bearer ${TOKEN}` }),
        json(201, {
          user: { name: "alice", password: RETURNED_PASSWORD },
          connection: { uri: `postgresql://alice:${RETURNED_PASSWORD}@db.test:25060/defaultdb` },
        }),
      ],
      { logger, token: () => new Secret(TOKEN) },
    );
    await client.POST("/users", { body: { name: "alice", password: PASSWORD } });
    expect(lines).toHaveLength(2);
    const everything = JSON.stringify(lines);
    expect(everything).not.toContain(TOKEN);
    expect(everything).not.toContain(PASSWORD);
    expect(everything).not.toContain(RETURNED_PASSWORD);
    expect(lines[0]?.meta?.requestHeaders).toMatchObject({ authorization: "[REDACTED]" });
    expect(lines[0]?.meta?.requestBody).toEqual({ name: "alice", password: "[REDACTED]" });
    expect(lines[1]?.meta?.responseBody).toMatchObject({ user: { name: "alice", password: "[REDACTED]" } });
  });

  it("masks credentials in the logged URL", async () => {
    const { logger, lines } = captureLogger();
    const { client } = testClient([json(200, { users: [] })], { logger });
    await client.GET("/users", { params: { query: { token: "qs-secret" } as never } });
    expect(JSON.stringify(lines)).not.toContain("qs-secret");
  });

  it("logs failed attempts with the error instead of a status", async () => {
    const { logger, lines } = captureLogger();
    const { client } = testClient([connectionError()], { logger, retry: false });
    await expect(client.GET("/users")).rejects.toBeInstanceOf(UnavailableError);
    expect(lines).toHaveLength(1);
    expect(lines[0]?.meta).toMatchObject({ status: undefined, attempt: 0, error: "TypeError: fetch failed" });
    expect(lines[0]?.message).toBe(
      "testvendor GET https://api.example.test/v2/users -> TypeError: fetch failed",
    );
  });

  it("keeps a non-JSON body as redacted text", async () => {
    const { logger, lines } = captureLogger();
    const { client } = testClient([new Response("oops password=abc", { status: 400 })], { logger });
    await client.GET("/users");
    expect(lines[0]?.meta?.responseBody).toBe("oops password=[REDACTED]");
  });

  it("does not disturb the bodies the caller receives", async () => {
    const { logger } = captureLogger();
    const { client, seen } = testClient([json(201, { user: { name: "alice" } })], { logger });
    const { data } = await client.POST("/users", { body: { name: "alice" } });
    expect(data).toEqual({ user: { name: "alice" } });
    expect(seen[0]?.body).toBe('{"name":"alice"}');
  });

  it("stays silent for a logger without debug", async () => {
    const { logger, lines } = captureLogger();
    const { client } = testClient([json(200, { users: [] })], { logger: { warn: logger.warn } });
    await client.GET("/users");
    expect(lines).toHaveLength(0);
  });

  it("works with console-shaped loggers", async () => {
    const calls: unknown[][] = [];
    const consoleLike = { debug: (...args: unknown[]) => calls.push(args) };
    const { client } = testClient([json(200, { users: [] })], { logger: consoleLike });
    await client.GET("/users");
    expect(calls).toHaveLength(1);
    expect(typeof calls[0]?.[0]).toBe("string");
  });
});
