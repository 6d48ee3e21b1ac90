// The token flow as the adapter runs it: both tokens cached until shortly before they expire, one
// exchange shared by concurrent callers, one renewal on a 401, and no loop when the renewed token is
// refused too. The simulator's own log of handled requests is the measure of what each call cost.
import { AuthenticationError, NotFoundError, RateLimitError } from "@dbusers/core";
import { describe, expect, it, vi } from "vitest";
import { createScalingoUsers } from "../../src/index.ts";
import {
  adapterFor,
  bearersSent,
  DEFAULT_TOKEN,
  handledOf,
  rejectionOf,
  startTestSimulator,
  summary,
} from "./harness.ts";

const { sim, handled } = await startTestSimulator();

const cost = () => ({
  exchanges: handledOf(handled, "token_exchange").length,
  addonTokens: handledOf(handled, "addon_token").length,
  lists: handledOf(handled, "database_list_users").length,
});

describe("Scalingo adapter: tokens are cached", () => {
  it("50 sequential calls cost one token exchange and one addon-token call, not fifty", async () => {
    const database = sim.scalingo.addDatabase();
    const { users } = adapterFor(sim, database);
    for (let i = 0; i < 50; i++) await users.list();
    expect(cost()).toEqual({ exchanges: 1, addonTokens: 1, lists: 50 });
  });

  it("50 concurrent calls on a cold adapter share one exchange and one addon-token call", async () => {
    const database = sim.scalingo.addDatabase();
    const { users, requests } = adapterFor(sim, database);
    const results = await Promise.all(Array.from({ length: 50 }, () => users.list()));
    expect(results.every((listed) => listed.length === 1)).toBe(true);
    expect(cost()).toEqual({ exchanges: 1, addonTokens: 1, lists: 50 });
    // Every database call carried the one addon token.
    expect(new Set(bearersSent(requests).slice(1)).size).toBe(1);
  });

  it('routing "api": the bearer alone opens the regional API, no addon token is asked for', async () => {
    const database = sim.scalingo.addDatabase();
    const { users, requests } = adapterFor(sim, database, { routing: "api" });
    await Promise.all(Array.from({ length: 50 }, () => users.list()));
    expect(cost()).toEqual({ exchanges: 1, addonTokens: 0, lists: 50 });
    expect(summary(requests, database).slice(0, 2)).toEqual([
      "POST /v1/tokens/exchange",
      "GET /api/databases/{id}/users",
    ]);
    const [bearer] = bearersSent(requests);
    expect(bearersSent(requests).every((token) => token === bearer)).toBe(true);
  });

  it("the API token goes to the exchange only, as HTTP Basic with an empty user", async () => {
    const database = sim.scalingo.addDatabase();
    const { users, requests } = adapterFor(sim, database);
    await users.list();
    const basic = `Basic ${Buffer.from(`:${DEFAULT_TOKEN}`).toString("base64")}`;
    expect(requests.map((request) => request.headers.get("authorization"))).toEqual([
      basic,
      expect.stringMatching(/^Bearer ey/),
      expect.stringMatching(/^Bearer ey/),
    ]);
    expect(
      requests.slice(1).some((request) => request.headers.get("authorization")?.includes(DEFAULT_TOKEN)),
    ).toBe(false);
  });

  it("an API token given as a function is asked for at each exchange only", async () => {
    const database = sim.scalingo.addDatabase();
    const apiToken = vi.fn(() => DEFAULT_TOKEN);
    const { users } = adapterFor(sim, database, { apiToken });
    for (let i = 0; i < 5; i++) await users.list();
    expect(apiToken).toHaveBeenCalledOnce();
  });
});

describe("Scalingo adapter: aborting while a token is fetched", () => {
  it("rejects with the caller's reason before the slow exchange answers; a concurrent call still gets the token", async () => {
    const database = sim.scalingo.addDatabase();
    const { users } = adapterFor(sim, database);
    sim.failNext({ vendor: "scalingo", delayMs: 1_000, operationId: "token_exchange" });
    const controller = new AbortController();
    const reason = new Error("caller gave up");
    const leaving = users.list({ signal: controller.signal });
    const staying = users.list();
    setTimeout(() => controller.abort(reason), 50);
    // Were the abort ignored, the call would wait out the slow exchange and resolve.
    expect(await rejectionOf(leaving)).toBe(reason);
    expect(await staying).toHaveLength(1);
    expect(cost()).toEqual({ exchanges: 1, addonTokens: 1, lists: 1 });
  });
});

describe("Scalingo adapter: a refused token is renewed once", () => {
  it("an expired database token is refreshed once and the call succeeds", async () => {
    const database = sim.scalingo.addDatabase();
    const { users, requests } = adapterFor(sim, database);
    await users.list();
    const sentBefore = requests.length;
    sim.scalingo.expireTokens(); // both cached tokens are now refused, as after their hour
    handled.length = 0;

    expect((await users.list()).map((user) => user.name)).toEqual([database.name]);
    expect(summary(requests.slice(sentBefore), database)).toEqual([
      "GET /api/databases/{id}/users", // 401: the addon token expired → renewed
      "POST /v1/apps/{app}/addons/{id}/token", // 401: the bearer expired too → renewed
      "POST /v1/tokens/exchange",
      "POST /v1/apps/{app}/addons/{id}/token",
      "GET /api/databases/{id}/users", // the same call, sent once more: 200
    ]);
    expect(cost()).toEqual({ exchanges: 1, addonTokens: 2, lists: 2 });
    // The renewed tokens are cached in turn.
    await users.list();
    expect(cost()).toEqual({ exchanges: 1, addonTokens: 2, lists: 3 });
  });

  it("a create refused for an expired token is sent again once and creates one user", async () => {
    const database = sim.scalingo.addDatabase();
    let expire = false;
    // The tokens expire after the lookup that proves the name free, as the create leaves.
    const { users } = adapterFor(sim, database, {}, (method, path) => {
      if (expire && method === "POST" && path.endsWith("/users")) {
        expire = false;
        sim.scalingo.expireTokens();
      }
    });
    await users.list();
    expire = true;
    const { password } = await users.create({ name: "reporting" });
    expect(sim.scalingo.getUser(database.id, "reporting")?.password).toBe(password.reveal());
    expect(handledOf(handled, "database_create_user")).toHaveLength(2);
  });

  it("a token refused again after the renewal surfaces as AuthenticationError, without a loop", async () => {
    const database = sim.scalingo.addDatabase();
    const { users } = adapterFor(sim, database);
    await users.list();
    handled.length = 0;
    sim.failNext({ vendor: "scalingo", status: 401, operationId: "database_list_users", count: 10 });

    const error = await rejectionOf(users.list());
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ provider: "scalingo", status: 401 });
    // One renewal of the addon token (with the bearer, still good), one re-send, then the error.
    expect(cost()).toEqual({ exchanges: 0, addonTokens: 1, lists: 2 });
  });

  it("an API token Scalingo refuses is an AuthenticationError from the exchange, sent once", async () => {
    const database = sim.scalingo.addDatabase();
    const { users, requests } = adapterFor(sim, database, { apiToken: "tk-us-revoked-token" });
    const error = await rejectionOf(users.list());
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({
      status: 401,
      message: "scalingo answered 401: You are not authorized to do this operation",
    });
    expect(summary(requests, database)).toEqual(["POST /v1/tokens/exchange"]);
  });

  it("an unknown app is a NotFoundError from the addon-token call", async () => {
    const database = sim.scalingo.addDatabase({ appId: "my-app" });
    const { users } = adapterFor(sim, { id: database.id, appId: "another-app" });
    const error = await rejectionOf(users.list());
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as Error).message).toBe("scalingo answered 404: app not found");
  });

  it("a throttled exchange is retried like any throttled request", async () => {
    const database = sim.scalingo.addDatabase();
    const { users } = adapterFor(sim, database);
    sim.failNext({ vendor: "scalingo", status: 429, operationId: "token_exchange" });
    expect(await users.list()).toHaveLength(1);
    expect(cost()).toEqual({ exchanges: 2, addonTokens: 1, lists: 1 });

    const throttled = adapterFor(sim, database, { retry: false });
    sim.failNext({ vendor: "scalingo", status: 429, operationId: "token_exchange" });
    const error = await rejectionOf(throttled.users.list());
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ status: 429, message: "scalingo answered 429: Retry later" });
    expect((error as RateLimitError).retryAfterMs).toBeUndefined();
  });
});

describe("Scalingo adapter: a Database API token given as it is", () => {
  it("is sent to every database call and never renewed: its 401 is the caller's AuthenticationError", async () => {
    const database = sim.scalingo.addDatabase();
    const token = await addonTokenOf(database);
    const users = createScalingoUsers({ token, databaseId: database.id, dbApiUrl: sim.urls.scalingo });
    expect(await users.list()).toHaveLength(1);
    sim.scalingo.expireTokens();
    handled.length = 0;
    expect(await rejectionOf(users.list())).toBeInstanceOf(AuthenticationError);
    expect(cost()).toEqual({ exchanges: 0, addonTokens: 0, lists: 1 });
  });
});

/** An addon token minted by the simulator, as another tool would have obtained it. */
async function addonTokenOf(database: { id: string; appId: string }): Promise<string> {
  const { users, requests } = adapterFor(sim, database);
  await users.list();
  return bearersSent(requests)[1] ?? "";
}
