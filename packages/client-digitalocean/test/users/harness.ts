// Shared set-up of the adapter tests: the real adapter (src/) against a real @dbusers/simulator on a free
// port, one simulator per test file. Each test makes its own cluster, so tests never see each other's users.
import { DEFAULT_TOKEN, type Simulator, type SimulatorOptions, startSimulator } from "@dbusers/simulator";
import { afterAll, afterEach, beforeEach, expect } from "vitest";
import {
  createDigitalOceanUsers,
  type DigitalOceanUsers,
  type DigitalOceanUsersOptions,
} from "../../src/index.ts";

export { DEFAULT_TOKEN };

/** A request as it left the adapter (one per attempt, re-sends included), read without consuming it. */
export interface SentRequest {
  method: string;
  url: string;
  /** The path below the simulator's DigitalOcean prefix, still percent-encoded (`/v2/databases/…`). */
  path: string;
  headers: Headers;
  body: string | undefined;
}

/** A request as the simulator handled it (from its per-request log line); dropped-before-handling ones are absent. */
export interface HandledRequest {
  operationId: string | undefined;
  /** `GET /digitalocean/v2/databases/…/users → 200` */
  line: string;
}

export interface TestSimulator {
  sim: Simulator;
  /** Every request the simulator handled during the current test, oldest first. */
  handled: HandledRequest[];
}

/**
 * Starts a silent simulator for the calling test file and registers its shutdown. After every test it
 * checks that the simulator produced no response outside its spec, and forgets faults a test left queued.
 */
export async function startTestSimulator(options: SimulatorOptions = {}): Promise<TestSimulator> {
  const handled: HandledRequest[] = [];
  const sim = await startSimulator({
    seed: "empty",
    // High enough that no test meets DigitalOcean's burst limit (250 per minute) by accident.
    rateLimit: { limit: 100_000, windowMs: 60_000, burstLimit: 100_000, burstWindowMs: 60_000 },
    ...options,
    port: 0,
    // Silent like `logger: false`, but the per-request lines are kept: they are the simulator's view
    // of what was sent, which the adapter's own fetch cannot vouch for.
    logger: {
      info: (line, details) => {
        handled.push({ line, operationId: details?.operationId as string | undefined });
      },
      warn: () => {},
      error: () => {},
    },
  });
  beforeEach(() => {
    handled.length = 0;
  });
  afterEach(() => {
    sim.clearFaults();
    expect(sim.violations).toEqual([]);
  });
  afterAll(() => sim.close());
  return { sim, handled };
}

export interface RecordingFetch {
  fetch: typeof fetch;
  requests: SentRequest[];
}

/** A fetch that records every request the adapter hands it, then sends it for real. */
export function recordingFetch(): RecordingFetch {
  const requests: SentRequest[] = [];
  const recording = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = input instanceof Request && init === undefined ? input : new Request(input, init);
    const url = new URL(request.url);
    requests.push({
      method: request.method,
      url: request.url,
      path: url.pathname.replace(/^\/digitalocean/, ""),
      headers: new Headers(request.headers),
      // A clone, so that the body still goes out whole.
      body: request.body ? await request.clone().text() : undefined,
    });
    return fetch(request);
  };
  return { fetch: recording, requests };
}

export interface TestAdapter {
  users: DigitalOceanUsers;
  requests: SentRequest[];
}

/**
 * The real adapter for one cluster of `sim`, with a recording fetch and fast retries (1 ms backoff).
 * `options` override anything, the token and the retry policy included.
 */
export function adapterFor(
  sim: Simulator,
  clusterId: string,
  options: Partial<DigitalOceanUsersOptions> = {},
): TestAdapter {
  const { fetch, requests } = recordingFetch();
  const users = createDigitalOceanUsers({
    token: DEFAULT_TOKEN,
    clusterId,
    baseUrl: sim.urls.digitalocean,
    fetch,
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
    ...options,
  });
  return { users, requests };
}

/** `"POST /v2/databases/{id}/users"`-style summaries, with the cluster id shortened to `{id}`. */
export function summary(requests: SentRequest[], clusterId: string): string[] {
  return requests.map((request) => `${request.method} ${request.path.replace(clusterId, "{id}")}`);
}

/** The simulator's handled requests of one operation. */
export function handledOf(handled: HandledRequest[], operationId: string): HandledRequest[] {
  return handled.filter((request) => request.operationId === operationId);
}

/** The rejection of `promise`, failing the test if it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the promise to reject, but it resolved");
}
