// A burst against HostUp's rate limit completes with no error surfaced to the caller: each refused
// call waits as HostUp says (Retry-After, or X-RateLimit-Reset where a proxy dropped Retry-After) and
// tries again. The simulator refuses any attempt made before its window frees a slot, and the retry
// backoff is 1-5 ms: a client that did not wait as told would spend its retries in a few milliseconds,
// long before the one-second window reopens, and fail.
import { recordingFetch } from "@dbusers/testing";
import { describe, expect, it } from "vitest";
import { createHostUpUsers } from "../../src/index.ts";
import { DEFAULT_TOKEN, startTestSimulator } from "./harness.ts";

const LIMIT = 5;
const BURST = 12;
const { sim, handled } = await startTestSimulator({ rateLimit: { limit: LIMIT, windowMs: 1_000 } });

/** A fetch that strips Retry-After from every 429, as a proxy might; HostUp's reset header stays. */
function droppingRetryAfter(fetch: typeof globalThis.fetch): typeof globalThis.fetch {
  return async (input, init) => {
    const answer = await fetch(input, init);
    if (answer.status !== 429) return answer;
    const headers = new Headers(answer.headers);
    headers.delete("retry-after");
    return new Response(answer.body, { status: 429, headers });
  };
}

function burstSetUp() {
  const { id } = sim.hostup.addAccount({ users: [{ username: "appuser" }] });
  const recorder = recordingFetch();
  const refusals: Headers[] = [];
  const observing: typeof fetch = async (input, init) => {
    const answer = await recorder.fetch(input, init);
    if (answer.status === 429) refusals.push(answer.headers);
    return answer;
  };
  return { id, recorder, refusals, observing };
}

const retriesOf = (headers: Headers) => Number(headers.get("dbusers-retry-count") ?? 0);

describe("HostUp adapter: a burst against the rate limit", () => {
  it(`${BURST} calls at once, ${LIMIT} allowed per second: all succeed, waiting as Retry-After says`, async () => {
    const { id, recorder, refusals, observing } = burstSetUp();
    const users = createHostUpUsers({
      token: DEFAULT_TOKEN,
      accountId: id,
      baseUrl: sim.urls.hostup,
      fetch: observing,
      retry: { baseDelayMs: 1, maxDelayMs: 5, maxRetries: 4 },
    });

    const results = await Promise.all(Array.from({ length: BURST }, () => users.get("appuser")));

    expect(results.map((user) => user.name)).toEqual(Array(BURST).fill("appuser"));
    expect(refusals.length).toBeGreaterThan(0);
    for (const headers of refusals) expect(headers.get("retry-after")).toMatch(/^[1-9]\d*$/);
    // Waiting until the window reopens lets a whole limit's worth through each time: no call needs more
    // attempts than the burst has windows.
    const attempts = Math.max(...recorder.requests.map((request) => retriesOf(request.headers) + 1));
    expect(attempts).toBeLessThanOrEqual(Math.ceil(BURST / LIMIT));
    expect(handled.filter((request) => request.line.endsWith("→ 200"))).toHaveLength(BURST);
  });

  it("without Retry-After, each refused call waits until X-RateLimit-Reset, and all succeed", async () => {
    const { id, refusals, observing } = burstSetUp();
    const users = createHostUpUsers({
      token: DEFAULT_TOKEN,
      accountId: id,
      baseUrl: sim.urls.hostup,
      fetch: droppingRetryAfter(observing),
      // The reset is when the window frees its next slot: refused calls racing for it may each need a turn.
      retry: { baseDelayMs: 1, maxDelayMs: 5, maxRetries: BURST },
    });

    const results = await Promise.all(Array.from({ length: BURST }, () => users.list()));

    expect(results.every((listed) => listed.length === 1)).toBe(true);
    expect(refusals.length).toBeGreaterThan(0);
    for (const headers of refusals) {
      expect(headers.get("x-ratelimit-remaining")).toBe("0");
      expect(headers.get("x-ratelimit-reset")).toMatch(/^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/);
    }
    expect(handled.filter((request) => request.line.endsWith("→ 200"))).toHaveLength(BURST);
  });
});
