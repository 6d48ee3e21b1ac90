import { describe, expect, it } from "vitest";
import { createRedisQuota } from "../src/index.ts";
import { connect, freshPrefix } from "./redis.ts";

describe("createRedisQuota", () => {
  it("grants exactly `limit` places in a window to takers on separate connections, however they interleave", async () => {
    const prefix = freshPrefix();
    const connections = await Promise.all(Array.from({ length: 4 }, () => connect()));
    const replicas = connections.map((redis) => createRedisQuota(redis, { prefix }));
    const windows = [{ limit: 7, windowMs: 60_000 }];
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) => replicas[i % 4]?.take("digitalocean:acct", windows, 5_000)),
    );
    expect(answers.filter((answer) => answer?.granted)).toHaveLength(7);
    for (const answer of answers) if (answer && !answer.granted) expect(answer.retryInMs).toBeGreaterThan(0);
  });

  it("keeps to every window at once: the tightest refuses", async () => {
    const quota = createRedisQuota(await connect(), { prefix: freshPrefix() });
    const windows = [
      { limit: 10, windowMs: 60_000 },
      { limit: 3, windowMs: 3_600_000 },
    ];
    const answers = await Promise.all(Array.from({ length: 5 }, () => quota.take("a", windows, 5_000)));
    expect(answers.map((answer) => answer.granted)).toEqual([true, true, true, false, false]);
  });

  it("counts each vendor account apart", async () => {
    const quota = createRedisQuota(await connect(), { prefix: freshPrefix() });
    const windows = [{ limit: 1, windowMs: 60_000 }];
    expect((await quota.take("hostup:one", windows, 5_000)).granted).toBe(true);
    expect((await quota.take("hostup:one", windows, 5_000)).granted).toBe(false);
    expect((await quota.take("hostup:two", windows, 5_000)).granted).toBe(true);
  });

  it("holds a place until a window after its answer: released, it is counted from then", async () => {
    const redis = await connect();
    const prefix = freshPrefix();
    const quota = createRedisQuota(redis, { prefix });
    const windows = [{ limit: 1, windowMs: 60_000 }];
    const first = await quota.take("k", windows, 3_600_000);
    if (!first.granted) throw new Error("the first place was refused");
    // Unanswered, the place counts as answered at the latest it may be (start + holdMs).
    const pendingScore = Number(await redis.zrange(`${prefix}quota:k`, 0, 0, "WITHSCORES").then((r) => r[1]));
    first.release();
    const refused = await quota.take("k", windows, 3_600_000);
    const answeredScore = Number(
      await redis.zrange(`${prefix}quota:k`, 0, 0, "WITHSCORES").then((r) => r[1]),
    );
    expect(pendingScore - answeredScore).toBeGreaterThan(3_500_000);
    // Still within a window of its answer: the next must wait, about a window.
    expect(refused.granted).toBe(false);
    if (!refused.granted) expect(refused.retryInMs).toBeGreaterThan(50_000);
  });

  it("lets a place never released (its process killed) leave the window once its holdMs has passed", async () => {
    const quota = createRedisQuota(await connect(), { prefix: freshPrefix() });
    const windows = [{ limit: 1, windowMs: 20 }];
    expect((await quota.take("k", windows, 30)).granted).toBe(true);
    let answer = await quota.take("k", windows, 30);
    expect(answer.granted).toBe(false);
    while (!answer.granted) {
      await new Promise((resolve) => setTimeout(resolve, answer.granted ? 0 : answer.retryInMs));
      answer = await quota.take("k", windows, 30);
    }
    expect(answer.granted).toBe(true);
  });
});
