import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach } from "vitest";

// A loopback HTTP server whose answers each test writes, recording every request it receives (headers
// and body), so a test can show what reached an origin and what did not.

export interface ReceivedRequest {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: string;
}

export type Handler = (request: IncomingMessage, response: ServerResponse, body: string) => void;

export interface Loopback {
  origin: string;
  received: ReceivedRequest[];
  answer(handler: Handler): void;
  close(): Promise<void>;
}

export async function startLoopback(): Promise<Loopback> {
  const received: ReceivedRequest[] = [];
  let handler: Handler = (_request, response) => response.writeHead(500).end();
  const server: Server = createServer(async (request, response) => {
    let body = "";
    for await (const chunk of request) body += chunk;
    received.push({ method: request.method ?? "", url: request.url ?? "", headers: request.headers, body });
    handler(request, response, body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    answer(next) {
      handler = next;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Writes JSON chunks for as long as the client reads: an endless body. Returns the bytes written. */
export function endlessBody(response: ServerResponse, status = 200): { written: () => number } {
  let written = 0;
  response.writeHead(status, { "content-type": "application/json" });
  response.write("[");
  const chunk = `${'"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",'.repeat(900)}`;
  const pump = (): void => {
    while (!response.destroyed && response.write(chunk)) written += chunk.length;
    if (!response.destroyed) response.once("drain", pump);
  };
  response.on("close", () => response.removeAllListeners("drain"));
  pump();
  return { written: () => written };
}

/** A JSON body nested `levels` deep: `[[[…]]]`. */
export const deepJson = (levels: number): string => "[".repeat(levels) + "]".repeat(levels);

/** One loopback server for a test file: started before its tests, its record emptied before each. */
export function useLoopback(): { current: Loopback } {
  const holder = {} as { current: Loopback };
  beforeAll(async () => {
    holder.current = await startLoopback();
  });
  afterAll(() => holder.current.close());
  beforeEach(() => {
    holder.current.received.length = 0;
  });
  return holder;
}
