// The client's side of a shared quota (packages/redis implements it on Redis and tests it there): what
// it asks for, how it waits, and the fallback rule when the store fails. The quotas here are in-memory
// implementations of the interface that record what they were asked.
import { describe, expect, it } from "vitest";
import type { QuotaAnswer, SharedQuota } from "../../src/index.ts";
import { RateLimitError } from "../../src/index.ts";
import { testClient } from "../helpers/client.ts";

const ok = () => Response.json({ users: [] });
const windows = [{ limit: 100, windowMs: 60_000 }];

/** Answers from a script (then grants), recording each key and the releases. */
function scriptedQuota(script: Array<QuotaAnswer | Error> = []) {
  const keys: string[] = [];
  let released = 0;
  const quota: SharedQuota = {
    store: {},
    async take(key) {
      keys.push(key);
      const next = script.shift() ?? { granted: true, release: () => {} };
      if (next instanceof Error) throw next;
      return next.granted ? { granted: true, release: () => void released++ } : next;
    },
  };
  return { quota, keys, released: () => released };
}

describe("a shared quota", () => {
  it("is asked once per request for its vendor account: the provider and a digest of the credential, never the credential", async () => {
    const { quota, keys, released } = scriptedQuota();
    const { client } = testClient([ok(), ok()], { throttle: { windows }, sharedQuota: { quota } });
    await client.GET("/users");
    await client.GET("/users");
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(/^testvendor:[0-9a-f]{24}$/);
    expect(keys[1]).toBe(keys[0]);
    expect(keys.join()).not.toContain("do-token-123");
    expect(released()).toBe(2);
    const named = scriptedQuota();
    const other = testClient([ok()], {
      throttle: { windows },
      sharedQuota: { quota: named.quota, key: "acct" },
    });
    await other.client.GET("/users");
    expect(named.keys).toEqual(["testvendor:acct"]);
  });

  it("holds the request while the quota says to wait, then sends it once", async () => {
    const { quota, keys } = scriptedQuota([{ granted: false, retryInMs: 5 }]);
    const { client, seen } = testClient([ok()], { throttle: { windows }, sharedQuota: { quota } });
    expect((await client.GET("/users")).response.status).toBe(200);
    expect(keys).toHaveLength(2);
    expect(seen).toHaveLength(1);
  });

  it("refuses at once with a RateLimitError, sending nothing, when the place frees after the call's deadline", async () => {
    const { quota } = scriptedQuota([{ granted: false, retryInMs: 60_000 }]);
    const { client, seen } = testClient([ok()], {
      throttle: { windows },
      sharedQuota: { quota },
      deadlineMs: 1_000,
    });
    await expect(client.GET("/users")).rejects.toBeInstanceOf(RateLimitError);
    expect(seen).toHaveLength(0);
  });

  it("failing, is replaced by the local throttle: every request still goes, and one warning tells it", async () => {
    const { quota } = scriptedQuota([new Error("connection refused"), new Error("connection refused")]);
    const warnings: string[] = [];
    const { client, seen } = testClient([ok(), ok(), ok()], {
      throttle: { windows },
      sharedQuota: { quota },
      logger: { warn: (message) => warnings.push(message) },
    });
    for (let i = 0; i < 3; i++) expect((await client.GET("/users")).response.status).toBe(200);
    expect(seen).toHaveLength(3);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain("connection refused");
  });

  it("is not asked when the vendor has no window to count (none documented, none learned yet)", async () => {
    const { quota, keys } = scriptedQuota();
    const { client } = testClient([ok()], { throttle: { windows: [] }, sharedQuota: { quota } });
    await client.GET("/users");
    expect(keys).toEqual([]);
  });
});
