import { describe, expect, it } from "vitest";
import { RequestThrottle, type ThrottleClock } from "../../src/transport/throttle.ts";

/** A clock whose time moves only when a waiter sleeps, so every test is exact and instant. */
function virtualClock(): ThrottleClock & { slept: number[] } {
  let now = 1_000_000;
  const slept: number[] = [];
  return {
    slept,
    now: () => now,
    sleep: async (ms, signal) => {
      signal?.throwIfAborted();
      slept.push(ms);
      now += ms;
    },
  };
}

function headers(remaining: number, resetSeconds: number): Headers {
  return new Headers({ "ratelimit-remaining": String(remaining), "ratelimit-reset": String(resetSeconds) });
}

describe("RequestThrottle", () => {
  it("lets requests through at once while no limit is near", async () => {
    const clock = virtualClock();
    const throttle = new RequestThrottle([{ limit: 10, windowMs: 1_000 }], 10, clock);
    for (let i = 0; i < 10; i++) (await throttle.acquire())();
    expect(clock.slept).toEqual([]);
  });

  it("never starts more than a documented window allows: the next start waits for the oldest to expire", async () => {
    const clock = virtualClock();
    const throttle = new RequestThrottle([{ limit: 3, windowMs: 1_000 }], 10, clock);
    const starts: number[] = [];
    for (let i = 0; i < 7; i++) {
      (await throttle.acquire())();
      starts.push(clock.now());
    }
    // Every window of 1 s holds at most 3 starts.
    for (const start of starts) {
      expect(starts.filter((other) => other >= start && other < start + 1_000).length).toBeLessThanOrEqual(3);
    }
    expect(clock.slept).toEqual([1_000, 1_000]);
  });

  it("stops once the vendor's headers say nothing is left, until the window reopens", async () => {
    const clock = virtualClock();
    const throttle = new RequestThrottle([], 10, clock);
    const release = await throttle.acquire();
    throttle.observe(headers(0, 30)); // delta-seconds: reopens in 30 s
    release();
    (await throttle.acquire())();
    expect(clock.slept).toEqual([30_000]);
  });

  it("counts its own starts against what the vendor said was left", async () => {
    const clock = virtualClock();
    const throttle = new RequestThrottle([], 10, clock);
    const release = await throttle.acquire();
    throttle.observe(headers(2, 60));
    release();
    (await throttle.acquire())();
    (await throttle.acquire())();
    expect(clock.slept).toEqual([]);
    (await throttle.acquire())();
    expect(clock.slept).toEqual([60_000]);
  });

  it("counts the other requests in flight when it reads a window", async () => {
    const clock = virtualClock();
    const throttle = new RequestThrottle([], 10, clock);
    const first = await throttle.acquire();
    const second = await throttle.acquire();
    throttle.observe(headers(1, 10)); // the first's answer: one left, but the second is already out
    first();
    second();
    (await throttle.acquire())();
    expect(clock.slept).toEqual([10_000]);
  });

  it("bounds the requests in flight and starts the waiting ones in order", async () => {
    const throttle = new RequestThrottle([], 2, virtualClock());
    const order: number[] = [];
    const first = await throttle.acquire();
    const second = await throttle.acquire();
    const third = throttle.acquire().then((release) => {
      order.push(3);
      return release;
    });
    const fourth = throttle.acquire().then((release) => {
      order.push(4);
      return release;
    });
    await Promise.resolve();
    expect(order).toEqual([]);
    first();
    (await third)();
    second();
    (await fourth)();
    expect(order).toEqual([3, 4]);
  });

  it("gives up waiting for a slot with the caller's reason when aborted, and keeps the queue sound", async () => {
    const throttle = new RequestThrottle([], 1, virtualClock());
    const held = await throttle.acquire();
    const controller = new AbortController();
    const reason = new Error("gave up");
    const waiting = throttle.acquire(controller.signal);
    controller.abort(reason);
    await expect(waiting).rejects.toBe(reason);
    held();
    (await throttle.acquire())();
  });

  it("releases a slot once, however often the release is called", async () => {
    const throttle = new RequestThrottle([], 1, virtualClock());
    const release = await throttle.acquire();
    release();
    release();
    const next = await throttle.acquire();
    let third = false;
    void throttle.acquire().then(() => {
      third = true;
    });
    await Promise.resolve();
    expect(third).toBe(false);
    next();
  });
});

describe("RequestThrottle: a request's place in a window", () => {
  it("lasts until a window after its answer, not its start: the vendor counts it on arrival, in between", async () => {
    const clock = virtualClock();
    const throttle = new RequestThrottle([{ limit: 1, windowMs: 1_000 }], 10, clock);
    const release = await throttle.acquire();
    await clock.sleep(300); // the answer takes 300 ms
    release();
    (await throttle.acquire())();
    // Counted from the start, 700 ms would have been enough, and a request that travelled faster than
    // its predecessor could arrive inside the predecessor's window.
    expect(clock.slept).toEqual([300, 1_000]);
  });

  it("is held by requests still out: a full window waits for their answers, then a window more", async () => {
    const clock = virtualClock();
    const throttle = new RequestThrottle([{ limit: 2, windowMs: 1_000 }], 10, clock);
    const out = [await throttle.acquire(), await throttle.acquire()];
    const sleep = clock.sleep;
    clock.sleep = async (ms, signal) => {
      await sleep(ms, signal);
      // The two answers arrive while the third request waits.
      for (const release of out.splice(0)) release();
    };
    (await throttle.acquire())();
    expect(clock.slept).toEqual([1_000, 1_000]);
  });
});

describe("RequestThrottle: a window the vendor did not document (HostUp's limits show on its 429s only)", () => {
  const T = 1_000_000; // the virtual clock's start

  /** A refusal's headers, HostUp's way: the window's limit, nothing left, an ISO time it reopens. */
  function refusal(limit: number | undefined, reopensAt: number): Headers {
    return new Headers({
      ...(limit === undefined ? {} : { "x-ratelimit-limit": String(limit) }),
      "x-ratelimit-remaining": "0",
      "x-ratelimit-reset": new Date(reopensAt).toISOString(),
    });
  }

  /** Starts and answers a request at once; its start time. */
  async function request(throttle: RequestThrottle, clock: ThrottleClock): Promise<number> {
    const release = await throttle.acquire();
    const startedAt = clock.now();
    release();
    return startedAt;
  }

  /** A request that takes `ms` to be answered. */
  async function slowRequest(throttle: RequestThrottle, clock: ThrottleClock, ms: number): Promise<void> {
    const release = await throttle.acquire();
    await clock.sleep(ms);
    release();
  }

  /** Three requests of 100 ms one after the other from T; then one at T+300, refused by `headers`. */
  async function spend(
    throttle: RequestThrottle,
    clock: ThrottleClock & { slept: number[] },
    headers: Headers,
  ) {
    for (let i = 0; i < 3; i++) await slowRequest(throttle, clock, 100);
    const refused = await throttle.acquire();
    throttle.observe(headers);
    refused();
    clock.slept.length = 0;
  }

  async function nextStarts(
    throttle: RequestThrottle,
    clock: ThrottleClock,
    count: number,
  ): Promise<number[]> {
    const starts: number[] = [];
    for (let i = 0; i < count; i++) starts.push((await request(throttle, clock)) - T);
    return starts;
  }

  it("learns it from a refusal (limit, reopening, its own starts) and keeps to it from then on", async () => {
    const clock = virtualClock();
    const throttle = new RequestThrottle([], 10, clock);
    await spend(throttle, clock, refusal(3, T + 1_000));
    // 3 per 1,000 ms (the window from the oldest start it counted, T, to T+1000), each place held until
    // a window after its answer (T+100, T+200, T+300, and the refusal's at T+300).
    expect(await nextStarts(throttle, clock, 6)).toEqual([1_200, 1_300, 1_300, 2_200, 2_300, 2_300]);
  });

  it("without a limit in the refusal, only waits for the reopening", async () => {
    const clock = virtualClock();
    const throttle = new RequestThrottle([], 10, clock);
    await spend(throttle, clock, refusal(undefined, T + 1_000));
    expect(await nextStarts(throttle, clock, 6)).toEqual([1_000, 1_000, 1_000, 1_000, 1_000, 1_000]);
  });

  it("keeps to the documented window of the same limit instead", async () => {
    const clock = virtualClock();
    const throttle = new RequestThrottle([{ limit: 3, windowMs: 500 }], 10, clock);
    await spend(throttle, clock, refusal(3, T + 1_000));
    // 3 per 500 ms after the answers at T+100, T+200, T+300 and the refusal's (which waited for T+600).
    expect(await nextStarts(throttle, clock, 6)).toEqual([1_000, 1_000, 1_100, 1_500, 1_500, 1_600]);
  });

  it("learns nothing when it has sent fewer requests than the limit: another client spends the quota", async () => {
    const clock = virtualClock();
    const throttle = new RequestThrottle([], 10, clock);
    await spend(throttle, clock, refusal(100, T + 1_000));
    expect(await nextStarts(throttle, clock, 4)).toEqual([1_000, 1_000, 1_000, 1_000]);
  });

  it("learns nothing from requests sent now and then: other clients may have spent the quota", async () => {
    const clock = virtualClock();
    const throttle = new RequestThrottle([], 10, clock);
    for (let i = 0; i < 3; i++) {
      await slowRequest(throttle, clock, 10);
      await clock.sleep(90); // idle
    }
    const refused = await throttle.acquire(); // T+300, busy 30 ms of 300
    // Learned from T, the window would be 1,000 ms, though the vendor may count 3 in far less time.
    throttle.observe(refusal(3, T + 1_000));
    refused();
    expect(await nextStarts(throttle, clock, 4)).toEqual([1_000, 1_000, 1_000, 1_000]);
  });

  it("counts the time a request waits for its turn as busy", async () => {
    const clock = virtualClock();
    const throttle = new RequestThrottle([], 10, clock);
    const first = await throttle.acquire(); // T
    await clock.sleep(10);
    throttle.observe(headers(0, 0.2)); // nothing left for 200 ms, no limit named: nothing learned
    first();
    await slowRequest(throttle, clock, 10); // waits, with nothing out, from T+10 to T+210
    const refused = await throttle.acquire(); // T+220
    // Busy all along (wanting to send is busy), so the window is learned: 2 per 1,000 ms, from T.
    throttle.observe(refusal(2, T + 1_000));
    refused();
    // Answers at T+10, T+220, T+220: the next starts wait for a window after T+220. Not learned, both
    // would start at T+1000.
    expect(await nextStarts(throttle, clock, 2)).toEqual([1_220, 1_220]);
  });

  it("learns nothing from the refusals of requests already out when it knew the window was spent", async () => {
    const clock = virtualClock();
    const throttle = new RequestThrottle([], 10, clock);
    for (let i = 0; i < 3; i++) await slowRequest(throttle, clock, 100);
    const first = await throttle.acquire(); // T+300
    await clock.sleep(50);
    const second = await throttle.acquire(); // T+350, out when the first is refused
    await clock.sleep(50);
    throttle.observe(refusal(3, T + 1_000)); // learned: 3 per 1,000 ms, from T
    first();
    // Counted again with one request fewer out, the window would shrink to 900 ms (from T+100), and
    // the next starts would be T+1200, T+1300, T+1300.
    throttle.observe(refusal(3, T + 1_000));
    second();
    // Both answered at T+400: a window after the answers of T+300, T+400, T+400.
    expect(await nextStarts(throttle, clock, 3)).toEqual([1_300, 1_400, 1_400]);
  });
});
