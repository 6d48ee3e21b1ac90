// Who may do what on the Cloud 66 API, and the hourly limit: scopes, show_password, 503 throttled.
import { describe, expect, it } from "vitest";
import { DEFAULT_TOKEN } from "../../src/index.ts";
import { start } from "../helpers.ts";
import { cloud66Api } from "./api.ts";

const PUBLIC = "c66_public";
const ADMIN_ONLY = "c66_admin";
const BOTH = "c66_both";
const NO_SCOPE = "c66_none";
const tokens = { [PUBLIC]: ["public"], [ADMIN_ONLY]: ["admin"], [BOTH]: ["public", "admin"], [NO_SCOPE]: [] };

async function setUp(options: Parameters<typeof start>[0] = {}) {
  const sim = await start({ tokens, ...options });
  const stack = sim.cloud66.addStack({
    serverGroups: [{ id: 1, users: [{ uid: "user_a", username: "a" }] }],
  });
  return { sim, api: cloud66Api(sim, stack.uid, 1, BOTH) };
}

const FORBIDDEN = { error: "forbidden", error_description: "OAuth token lacks the required scope" };

describe("Cloud66 access: scopes", () => {
  it("public reads, admin changes; neither implies the other", async () => {
    const { sim, api } = await setUp();
    expect((await api.list({}, { token: PUBLIC })).status).toBe(200);
    expect((await api.action(1, { token: PUBLIC })).status).toBe(404); // allowed, but no such action
    for (const answer of [
      await api.create({ username: "x" }, { token: PUBLIC }),
      await api.regenerate("user_a", { token: PUBLIC }),
      await api.remove("user_a", { token: PUBLIC }),
      await api.list({}, { token: ADMIN_ONLY }),
      await api.action(1, { token: ADMIN_ONLY }),
    ]) {
      expect(answer.status).toBe(403);
      expect(answer.body).toEqual(FORBIDDEN);
    }
    expect((await api.create({ username: "x" }, { token: ADMIN_ONLY })).status).toBe(200);
    expect(sim.violations).toEqual([]);
  });

  it("a token without any scope has public access, as Cloud 66 documents", async () => {
    const { api } = await setUp();
    expect((await api.list({}, { token: NO_SCOPE })).status).toBe(200);
    expect((await api.create({ username: "x" }, { token: NO_SCOPE })).status).toBe(403);
  });

  it("show_password needs admin besides public: 403 otherwise", async () => {
    const { api } = await setUp();
    const refused = await api.list({ show_password: "true" }, { token: PUBLIC });
    expect(refused.status).toBe(403);
    expect(refused.body).toEqual({
      error: "forbidden",
      error_description: "Insufficient permissions for show_password",
    });
    expect((await api.list({ show_password: "true" })).body.response[0].password).toEqual(expect.any(String));
  });

  it("no token, an unknown one or another scheme: 401 in Cloud 66's format", async () => {
    const { api } = await setUp();
    const unauthenticated = {
      error: "unauthenticated",
      error_description: "Authentication failed or missing OAuth token",
    };
    for (const options of [
      { token: null },
      { token: "c66_unknown" },
      { token: null, headers: { authorization: `Basic ${btoa(`x:${BOTH}`)}` } },
    ]) {
      const answer = await api.list({}, options);
      expect(answer.status).toBe(401);
      expect(answer.body).toEqual(unauthenticated);
    }
    // Cloud 66's examples write the scheme in lower case too.
    expect((await api.list({}, { token: null, headers: { authorization: `bearer ${BOTH}` } })).status).toBe(
      200,
    );
  });
});

describe("Cloud66 access: the hourly limit", () => {
  it("answers 503 throttled (not 429) once a token spent its allowance, with no retry hint", async () => {
    const { sim, api } = await setUp({ rateLimit: { limit: 2, windowMs: 3_600_000 } });
    expect((await api.list()).status).toBe(200);
    expect((await api.list()).status).toBe(200);
    const throttled = await api.list();
    expect(throttled.status).toBe(503);
    expect(throttled.body).toEqual({
      error: "throttled",
      error_description: "Rate limit exceeded. Retry in the next hourly interval.",
    });
    expect(throttled.headers.get("retry-after")).toBeNull();
    expect([...throttled.headers.keys()].filter((name) => name.includes("ratelimit"))).toEqual([]);
    // Counted per token: another one is still served.
    expect((await api.list({}, { token: DEFAULT_TOKEN })).status).toBe(200);
    expect(sim.violations).toEqual([]);
  });

  it("a scripted 503 is the same throttling answer; other statuses use Cloud 66's identifiers", async () => {
    const { sim, api } = await setUp();
    sim.failNext({ vendor: "cloud66", status: 503 });
    expect((await api.list()).body).toMatchObject({ error: "throttled" });
    for (const [status, error] of [
      [402, "trial_expired"],
      [408, "time_out"],
      [409, "conflict"],
      [500, "internal_server_error"],
    ] as const) {
      sim.failNext({ vendor: "cloud66", status });
      const answer = await api.create({ username: "x" });
      expect(answer.status).toBe(status);
      expect(answer.body).toMatchObject({ error, error_description: expect.any(String) });
    }
    expect(sim.cloud66.listActions(sim.cloud66.listStacks()[0]?.uid ?? "")).toEqual([]);
  });
});
