// Plays one hostile case against one vendor's facade client, in a process of its own so that its
// memory growth is its own: node play-case.ts <vendor> <case>. Prints one JSON line (a CaseReport).
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { startSimulator } from "@dbusers/simulator";
import { facadeFixtures } from "../facade-fixtures.ts";
import { type CaseName, type Forwarded, HOSTILE_CASES } from "./hostile-cases.ts";

export interface CaseReport {
  vendor: string;
  case: CaseName;
  /** The name of the error the call ended with, or "ok". */
  outcome: string;
  settledMs: number;
  peakGrowthBytes: number;
  /** Requests the other origin received: method, body size and header names. */
  otherOrigin: Array<{ method: string; bodyBytes: number; headers: string[] }>;
  /** `TimeoutOverflowWarning`s Node printed. */
  overflowWarnings: number;
  /** Users the call returned, when it returned a list. */
  listed?: number;
  distinct?: number;
}

const [vendor, caseName] = process.argv.slice(2) as [string, CaseName];
const hostile = HOSTILE_CASES[caseName];
const found = facadeFixtures().find(({ fixture }) => fixture.vendor === vendor);
if (!found || !hostile) throw new Error(`no vendor ${vendor} or case ${caseName}`);
const { fixture } = found;

let overflowWarnings = 0;
process.on("warning", (warning) => {
  if (warning.name === "TimeoutOverflowWarning") overflowWarnings++;
});

const UNLIMITED = { limit: 1_000_000, windowMs: 60_000, burstLimit: 1_000_000, burstWindowMs: 60_000 };
const sim = await startSimulator({
  seed: "empty",
  rateLimit: UNLIMITED,
  ...fixture.simulator,
  port: 0,
  logger: { info: () => {}, warn: () => {}, error: () => {} },
});
const simOrigin = new URL(sim.urls[vendor as keyof typeof sim.urls] as string).origin;

const listen = async (server: Server): Promise<string> => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
};
const readBody = async (request: IncomingMessage): Promise<string> => {
  let body = "";
  for await (const chunk of request) body += chunk;
  return body;
};

const otherOrigin: CaseReport["otherOrigin"] = [];
const otherServer = createServer(async (request, response) => {
  const body = await readBody(request);
  otherOrigin.push({
    method: request.method ?? "",
    bodyBytes: body.length,
    headers: Object.keys(request.headers),
  });
  response.writeHead(204).end();
});
const other = await listen(otherServer);

/** Hop-by-hop headers: each connection's own, never forwarded. */
const HOP_BY_HOP = new Set(["host", "content-length", "transfer-encoding", "connection", "keep-alive"]);
const endToEnd = (entries: Iterable<[string, unknown]>): Record<string, string> =>
  Object.fromEntries([...entries].filter(([name]) => !HOP_BY_HOP.has(name))) as Record<string, string>;

// Armed once the warm-up call is done: until then the proxy forwards everything as it is.
let armed = false;
const proxy = createServer(async (request, response) => {
  const body = await readBody(request);
  if (armed && hostile.answer?.(request, response, other)) return;
  const path = armed && hostile.forwardAs ? hostile.forwardAs(request.url ?? "/") : (request.url ?? "/");
  const headers = endToEnd(Object.entries(request.headers));
  const answer = await fetch(`${simOrigin}${path}`, {
    method: request.method ?? "GET",
    headers,
    ...(body ? { body } : {}),
    redirect: "manual",
  });
  let forwarded: Forwarded = {
    status: answer.status,
    headers: endToEnd(answer.headers),
    body: await answer.text(),
  };
  if (armed && hostile.rewrite) forwarded = hostile.rewrite(request, forwarded);
  response.writeHead(forwarded.status, forwarded.headers).end(forwarded.body);
});
const proxyOrigin = new URL(await listen(proxy));

// Every request the client makes goes to the proxy instead of the simulator: the origin is swapped.
const viaProxy: typeof fetch = (input, init) => {
  const request = new Request(input, init);
  const url = new URL(request.url);
  url.host = proxyOrigin.host;
  return fetch(new Request(url, request));
};

const scope = await fixture.scope(sim);
const name = scope.newName();
const others = Array.from({ length: hostile.pagedOnly ? 29 : 1 }, () => scope.newName());
scope.seedUsers([name, ...others]);
const users = scope.users({
  fetch: viaProxy,
  retry: { maxRetries: 2, baseDelayMs: 10, maxDelayMs: 50 },
  // A logger that serialises what it is given, as a JSON logger does: a deep body must not break it.
  logger: { debug: (message, meta) => void JSON.stringify({ message, meta }) },
});

const call = async (): Promise<unknown> => {
  switch (caseName) {
    case "redirect-mutation":
      return users.capabilities.setPassword
        ? users.setPassword(name, "Chosen-password-0123456789")
        : users.resetPassword(name);
    case "deep-404":
      return users.get(name);
    default:
      return users.list();
  }
};

await users.list(); // warm-up: code loaded, credentials cached
armed = true;
if (caseName === "reset-far" || caseName === "reset-overflow") await users.list(); // the answer that says it

global.gc?.();
const baseline = process.memoryUsage().rss;
let peak = baseline;
const sampler = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().rss);
}, 5);
const started = performance.now();
let outcome = "ok";
let result: unknown;
try {
  result = await call();
} catch (error) {
  outcome = (error as Error).name;
}
const settledMs = performance.now() - started;
clearInterval(sampler);
peak = Math.max(peak, process.memoryUsage().rss);

const list = Array.isArray(result) ? (result as Array<{ id: unknown }>) : undefined;
const report: CaseReport = {
  vendor,
  case: caseName,
  outcome,
  settledMs: Math.round(settledMs),
  peakGrowthBytes: peak - baseline,
  otherOrigin,
  overflowWarnings,
  ...(list ? { listed: list.length, distinct: new Set(list.map((user) => user.id)).size } : {}),
};
process.stdout.write(`${JSON.stringify(report)}\n`);
proxy.closeAllConnections();
otherServer.closeAllConnections();
await sim.close();
process.exit(0);
