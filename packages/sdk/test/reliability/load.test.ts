// Load, bounded and on loopback: 2,000 operations at a concurrency of 100 across the four vendors,
// through the facade, against the simulator with each vendor's own rate limit switched on (its windows
// divided by TIME_SCALE, so an hour lasts 30 s) and each client keeping to the same scaled limits.
// Nothing may be lost, duplicated or surfaced as an error. The throttled answers are counted and
// printed: at most 1 % (0 to 2 of some 2,000 in the runs here) for a vendor whose limits are
// documented. HostUp publishes none: its client learns the window from its first 429, so that round
// also sees the requests in flight then (6 to 10 in the runs here; 100 to 150 a round before the client
// learned).

import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { CLOUD66_RATE_LIMITS } from "@dbusers/client-cloud66";
import { DIGITALOCEAN_RATE_LIMITS } from "@dbusers/client-digitalocean";
import { HOSTUP_RATE_LIMITS } from "@dbusers/client-hostup";
import { SCALINGO_RATE_LIMITS } from "@dbusers/client-scalingo";
import { type ConformanceFixture, startTestSimulator } from "@dbusers/testing";
import { afterAll, describe, expect, it } from "vitest";
import type { DatabaseUsers, RateWindow } from "../../src/index.ts";
import { facadeFixtures } from "../facade-fixtures.ts";

const TIME_SCALE = 120;
const USERS_PER_VENDOR = 100;
const CONCURRENCY = 100;
/** Requests in flight per client (the throttle's default). */
const CLIENT_CONCURRENCY = 10;
/** Per user: create, get, resetPassword, list, delete. */
const OPERATIONS_PER_USER = 5;
/** Each vendor's documented limits (HostUp publishes none: only its 429s teach the client). */
const DOCUMENTED: Record<string, readonly RateWindow[]> = {
  digitalocean: DIGITALOCEAN_RATE_LIMITS,
  scalingo: SCALINGO_RATE_LIMITS,
  cloud66: CLOUD66_RATE_LIMITS,
  hostup: HOSTUP_RATE_LIMITS,
};
/** What each vendor answers when a client goes too fast. */
const THROTTLED = /→ (429|503)$/;

const fixtures = facadeFixtures().map(({ fixture }) => fixture);
const { sim, handled } = await startTestSimulator({
  tokens: Object.fromEntries(fixtures.flatMap((fixture) => Object.entries(fixture.simulator?.tokens ?? {}))),
  defaultToken: false,
  // Each vendor's own limits, not the test kit's unlimited ones.
  rateLimit: {},
  rateLimitTimeScale: TIME_SCALE,
});
const report: Array<Record<string, string | number>> = [];

interface Vendor {
  fixture: ConformanceFixture;
  users: DatabaseUsers;
  names: string[];
  storedNames(): string[];
}

/** One client per vendor for both rounds, as a service keeps them: each keeps its own throttle state. */
const clients = await Promise.all(
  fixtures.map(async (fixture) => {
    const scope = await fixture.scope(sim);
    const windows = DOCUMENTED[fixture.vendor]?.map((w) => ({
      limit: w.limit,
      windowMs: w.windowMs / TIME_SCALE,
    }));
    const users = scope.users({
      fetch,
      throttle: { windows: windows ?? [], maxConcurrency: CLIENT_CONCURRENCY },
      retry: { maxRetries: 6 },
    });
    return { fixture, scope, users };
  }),
);

/** Each vendor's client, with names for a round's users. */
function vendors(): Vendor[] {
  return clients.map(({ fixture, scope, users }) => ({
    fixture,
    users,
    names: Array.from({ length: USERS_PER_VENDOR }, () => scope.newName()),
    storedNames: () => scope.storedNames(),
  }));
}

/** Runs `tasks` with at most `limit` of them at once. */
async function bounded(tasks: Array<() => Promise<void>>, limit: number): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) await tasks[next++]?.();
  };
  await Promise.all(Array.from({ length: limit }, worker));
}

async function run(round: number): Promise<void> {
  const all = vendors();
  const before = new Map(all.map((vendor) => [vendor.fixture.vendor, vendor.storedNames()]));
  handled.length = 0;
  const errors: unknown[] = [];
  const started = performance.now();
  const finished = new Map<string, number>();
  const tasks = all.flatMap(({ users, names, fixture }) =>
    names.map((name) => async () => {
      try {
        await users.create({ name });
        expect((await users.get(name)).name).toBe(name);
        await users.resetPassword(name);
        await users.list();
        await users.delete(name);
      } catch (error) {
        errors.push(error);
      }
      finished.set(fixture.vendor, (performance.now() - started) / 1000);
    }),
  );
  await bounded(tasks, CONCURRENCY);
  const seconds = (performance.now() - started) / 1000;
  expect(errors).toEqual([]);
  for (const vendor of all) {
    // Nothing lost, nothing duplicated: every user was created and deleted once, the rest untouched.
    expect(vendor.storedNames()).toEqual(before.get(vendor.fixture.vendor));
    const lines = handled.filter((request) => request.line.includes(`/${vendor.fixture.vendor}/`));
    const creates = lines.filter((request) => request.operationId === vendor.fixture.operations.create);
    const throttled = lines.filter((request) => THROTTLED.test(request.line)).length;
    // A client that knows its vendor's windows keeps to them: a request holds its place from its start
    // until a window after its answer, so no answered request can arrive inside an earlier one's window
    // (counted from starts, 2–6 % of Scalingo's did). One it aborted can: Cloud66's lookups stop the
    // pages still out once they find the user, and a busy server may read such a request after the
    // client gave up on it. Hence a bound rather than zero, which the runs here meet.
    // HostUp, whose window is learned from its 429s, pays for a lesson: the requests in flight when a 429
    // came. Its first round learns the window; a later one may learn it again (each refusal re-teaches it,
    // and on a busy machine the time-scaled window the client measured can err short), at the same price.
    const lesson = (DOCUMENTED[vendor.fixture.vendor]?.length ?? 0) === 0 ? CLIENT_CONCURRENCY : 0;
    expect(throttled, `${vendor.fixture.vendor}, round ${round}`).toBeLessThanOrEqual(
      lesson + lines.length / 100,
    );
    report.push({
      round,
      vendor: vendor.fixture.vendor,
      operations: USERS_PER_VENDOR * OPERATIONS_PER_USER,
      requests: lines.length,
      "throttled answers": throttled,
      "creates handled": creates.length,
      seconds: Math.round((finished.get(vendor.fixture.vendor) ?? seconds) * 10) / 10,
    });
  }
}

function heapAfterCollection(): number {
  setFlagsFromString("--expose-gc");
  (runInNewContext("gc") as () => void)();
  return process.memoryUsage().heapUsed;
}

// The time limit only guards against a hang: two rounds take some 15 s here, slower on a loaded machine.
describe("load: 2,000 operations at concurrency 100 across four vendors, rate limits on", () => {
  it("loses, duplicates and surfaces nothing, twice, and the heap does not grow between the runs", {
    timeout: 180_000,
  }, async () => {
    await run(1);
    const first = heapAfterCollection();
    await run(2);
    const second = heapAfterCollection();
    // Some slack for what a run leaves that the next one reuses (JIT code, pooled sockets).
    expect(second).toBeLessThanOrEqual(first * 1.1);
    report.push({
      round: "heap MB",
      vendor: `after 1: ${(first / 2 ** 20).toFixed(1)}`,
      operations: `after 2: ${(second / 2 ** 20).toFixed(1)}`,
    });
  });
});

afterAll(() => {
  process.stdout.write("\nLoad: per vendor and round\n");
  console.table(report);
});
