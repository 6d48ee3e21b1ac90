import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiClient } from "../../src/adapter.ts";
import { type paths, testVendor } from "../helpers/client.ts";

// The scripted fake cannot show what Node's own fetch (undici) puts on the wire for a re-send; a
// loopback server can.

interface Received {
  method: string;
  body: string;
  retryCount: string | undefined;
  authorization: string | undefined;
}

let server: Server;
let baseUrl: string;
const received: Received[] = [];
let answers: Array<{ status: number; body: unknown }> = [];

async function readBody(request: IncomingMessage): Promise<string> {
  let body = "";
  for await (const chunk of request) body += chunk;
  return body;
}

beforeAll(async () => {
  server = createServer(async (request, response) => {
    received.push({
      method: request.method ?? "",
      body: await readBody(request),
      retryCount: request.headers["dbusers-retry-count"] as string | undefined,
      authorization: request.headers.authorization,
    });
    const answer = answers.shift() ?? { status: 500, body: { message: "script exhausted" } };
    response.writeHead(answer.status, { "content-type": "application/json" });
    response.end(JSON.stringify(answer.body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

describe("with Node's fetch", () => {
  it("re-sends a POST body intact after a 429", async () => {
    received.length = 0;
    answers = [
      { status: 429, body: { id: "too_many_requests", message: "slow down" } },
      { status: 201, body: { user: { name: "alice" } } },
    ];
    const client = createApiClient<paths>(testVendor, {
      baseUrl,
      token: () => "tok",
      retry: { baseDelayMs: 1, maxDelayMs: 2 },
    });
    const { data, response } = await client.POST("/users", { body: { name: "alice", password: "pw" } });
    expect(response.status).toBe(201);
    expect(data).toEqual({ user: { name: "alice" } });
    expect(received).toEqual([
      {
        method: "POST",
        body: '{"name":"alice","password":"pw"}',
        retryCount: undefined,
        authorization: "Bearer tok",
      },
      {
        method: "POST",
        body: '{"name":"alice","password":"pw"}',
        retryCount: "1",
        authorization: "Bearer tok",
      },
    ]);
  });
});
