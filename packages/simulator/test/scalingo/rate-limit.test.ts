import { describe, expect, it } from "vitest";
import { DEFAULT_TOKEN } from "../../src/index.ts";
import { start } from "../helpers.ts";
import { scalingoApi } from "./api.ts";

describe("Scalingo rate limit", () => {
  it("60 requests a minute per credential, then 429 with the plain-text body and no header to wait by", async () => {
    const sim = await start({ tokens: { "tk-us-another-user": ["*"] } });
    const { id } = sim.scalingo.addDatabase();
    const api = scalingoApi(sim);
    const db = api.database(id, DEFAULT_TOKEN);
    const answers = await Promise.all(Array.from({ length: 60 }, () => db.list()));
    expect(answers.every((answer) => answer.status === 200)).toBe(true);
    // Scalingo documents no rate-limit headers.
    expect([...(answers[0]?.headers.keys() ?? [])].filter((name) => /rate|retry/i.test(name))).toEqual([]);

    const refused = await db.list();
    expect(refused.status).toBe(429);
    expect(refused.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(refused.body).toBe("Retry later");
    expect(refused.headers.get("retry-after")).toBeNull();

    // Counted per credential: another one still gets through.
    expect((await api.database(id, "tk-us-another-user").list()).status).toBe(200);
    expect(sim.violations).toEqual([]);
  });

  it("a scripted 429 looks the same", async () => {
    const sim = await start();
    const { id } = sim.scalingo.addDatabase();
    sim.failNext({ vendor: "scalingo", status: 429, retryAfterSeconds: 30 });
    const answer = await scalingoApi(sim).database(id, DEFAULT_TOKEN).list();
    expect(answer).toMatchObject({ status: 429, body: "Retry later" });
    expect(answer.headers.get("retry-after")).toBeNull();
  });
});
