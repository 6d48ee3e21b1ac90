import { afterEach, describe, expect, it, vi } from "vitest";
import { testClient } from "../helpers/client.ts";
import { json } from "../helpers/fake-fetch.ts";

const exhausted = () => json(200, { users: [] }, { "ratelimit-remaining": "0", "ratelimit-reset": "30" });
const ok = () => json(200, { users: [] });

afterEach(() => {
  vi.useRealTimers();
});

describe("proactive throttling in the transport", () => {
  it("holds the next request until the window the vendor said was used up reopens: no 429 provoked", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
    const { client, seen } = testClient([exhausted(), ok()]);
    await client.GET("/users");
    let done = false;
    const second = client.GET("/users").then(() => {
      done = true;
    });
    await vi.advanceTimersByTimeAsync(29_000);
    expect(seen).toHaveLength(1);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1_000);
    await second;
    expect(seen).toHaveLength(2);
  });

  it("sends at once with throttle: false", async () => {
    const { client, seen } = testClient([exhausted(), ok()], { throttle: false });
    await client.GET("/users");
    await client.GET("/users");
    expect(seen).toHaveLength(2);
  });

  it("keeps to the documented windows it is given", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
    const { client, seen } = testClient([ok(), ok(), ok()], {
      throttle: { windows: [{ limit: 2, windowMs: 10_000 }] },
    });
    await client.GET("/users");
    await client.GET("/users");
    const third = client.GET("/users");
    await vi.advanceTimersByTimeAsync(9_000);
    expect(seen).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1_000);
    await third;
    expect(seen).toHaveLength(3);
  });

  it("bounds the requests in flight per client", async () => {
    let inFlight = 0;
    let most = 0;
    const slow = () => async () => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight -= 1;
      return ok();
    };
    const { client } = testClient([slow(), slow(), slow(), slow(), slow()], {
      throttle: { maxConcurrency: 2 },
    });
    await Promise.all(Array.from({ length: 5 }, () => client.GET("/users")));
    expect(most).toBe(2);
  });

  it("gives a caller who aborts while held back its own reason, and sends nothing", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
    const { client, seen } = testClient([exhausted(), ok()]);
    await client.GET("/users");
    const controller = new AbortController();
    const reason = new Error("enough");
    const held = client.GET("/users", { signal: controller.signal });
    controller.abort(reason);
    await expect(held).rejects.toBe(reason);
    expect(seen).toHaveLength(1);
  });
});
