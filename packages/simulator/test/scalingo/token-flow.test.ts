import { afterEach, describe, expect, it, vi } from "vitest";
import { DEFAULT_TOKEN, SCALINGO_TOKEN_LIFETIME_SECONDS } from "../../src/index.ts";
import { start } from "../helpers.ts";
import { claimsOf, scalingoApi } from "./api.ts";

const API_TOKEN = "tk-us-simulator-test-token";
const UNAUTHORIZED = { error: "You are not authorized to do this operation" };

afterEach(() => {
  vi.useRealTimers();
});

async function simulator() {
  const sim = await start({ tokens: { [API_TOKEN]: ["*"] }, defaultToken: false });
  const database = sim.scalingo.addDatabase({ appId: "my-app" });
  return { sim, api: scalingoApi(sim), database };
}

describe("Scalingo token flow: token_exchange", () => {
  it("exchanges an API token, sent as the password of an empty user, for a one-hour bearer JWT", async () => {
    const { sim, api } = await simulator();
    const before = Math.floor(Date.now() / 1000);
    const answer = await api.exchange(API_TOKEN);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ token: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/) });
    const claims = claimsOf(answer.body.token);
    expect(claims).toMatchObject({ kind: "bearer" });
    expect(claims.exp).toBeGreaterThanOrEqual(before + SCALINGO_TOKEN_LIFETIME_SECONDS);
    expect(claims.exp).toBeLessThanOrEqual(before + SCALINGO_TOKEN_LIFETIME_SECONDS + 2);
    // The token names the API token by a digest, never by the token itself.
    expect(Buffer.from(answer.body.token.split(".")[1], "base64url").toString()).not.toContain(API_TOKEN);
    expect(sim.violations).toEqual([]);
  });

  it.each([
    ["an unknown API token", { basic: "tk-us-unknown" }],
    ["the API token as a bearer", { bearer: API_TOKEN }],
    ["no credential", null],
  ])("answers 401 {error} to %s", async (_, credential) => {
    const { sim, api } = await simulator();
    const answer = await api.request("POST", "/v1/tokens/exchange", credential);
    expect(answer.status).toBe(401);
    expect(answer.body).toEqual(UNAUTHORIZED);
    expect(sim.violations).toEqual([]);
  });

  it("refuses a Basic user name that is not empty", async () => {
    const { api, sim } = await simulator();
    const response = await fetch(`${sim.urls.scalingo}/v1/tokens/exchange`, {
      method: "POST",
      headers: { authorization: `Basic ${Buffer.from(`someone:${API_TOKEN}`).toString("base64")}` },
    });
    expect(response.status).toBe(401);
    expect((await api.exchange(API_TOKEN)).status).toBe(200);
  });
});

describe("Scalingo token flow: addon_token", () => {
  it("trades the bearer for the addon and a one-hour token that opens its database", async () => {
    const { sim, api, database } = await simulator();
    const bearer = (await api.exchange(API_TOKEN)).body.token;
    const answer = await api.addonToken(bearer, "my-app", database.id);
    expect(answer.status).toBe(200);
    expect(answer.body.addon).toMatchObject({
      id: database.id,
      app_id: "my-app",
      resource_id: database.name,
      status: "running",
      addon_provider: { id: "postgresql", name: "PostgreSQL" },
    });
    const token = answer.body.addon.token;
    expect(claimsOf(token)).toMatchObject({ kind: "addon", addon: database.id, sub: claimsOf(bearer).sub });
    const listed = await api.database(database.id, token).list();
    expect(listed.status).toBe(200);
    expect(listed.body["database-users"].map((user: { name: string }) => user.name)).toEqual([database.name]);
    expect(sim.violations).toEqual([]);
  });

  it("answers 404 naming what is missing: the app, or the addon in it", async () => {
    const { api, database } = await simulator();
    const bearer = (await api.exchange(API_TOKEN)).body.token;
    expect(await api.addonToken(bearer, "other-app", database.id)).toMatchObject({
      status: 404,
      body: { resource: "app", error: "not found" },
    });
    expect(await api.addonToken(bearer, "my-app", "ad-unknown")).toMatchObject({
      status: 404,
      body: { resource: "addon", error: "not found" },
    });
  });

  it("takes the bearer only: an addon token, an API token as Basic, or nothing is a 401", async () => {
    const { api, database } = await simulator();
    const { addon } = await api.tokensFor(database, API_TOKEN);
    const path = `/v1/apps/my-app/addons/${database.id}/token`;
    for (const credential of [{ bearer: addon }, { basic: API_TOKEN }, null]) {
      expect((await api.request("POST", path, credential, {})).status).toBe(401);
    }
  });
});

describe("Scalingo token flow: the Database API's tokens", () => {
  it("takes the addon token (db-api routing) and the bearer (regional API routing), for any database the bearer may see", async () => {
    const { sim, api, database } = await simulator();
    const other = sim.scalingo.addDatabase({ appId: "my-app", engine: "mysql" });
    const { bearer, addon } = await api.tokensFor(database, API_TOKEN);
    expect((await api.database(database.id, addon).list()).status).toBe(200);
    expect((await api.database(database.id, bearer).list()).status).toBe(200);
    expect((await api.database(other.id, bearer).list()).status).toBe(200);
    expect(sim.violations).toEqual([]);
  });

  it("refuses an addon token for another database with 401", async () => {
    const { sim, api, database } = await simulator();
    const other = sim.scalingo.addDatabase({ appId: "my-app" });
    const { addon } = await api.tokensFor(database, API_TOKEN);
    const answer = await api.database(other.id, addon).list();
    expect(answer).toMatchObject({
      status: 401,
      body: { error: "The token is not valid for this database" },
    });
  });

  it("expireTokens(): every minted token so far is refused, new ones and the API token work", async () => {
    const { sim, api, database } = await simulator();
    const { bearer, addon } = await api.tokensFor(database, API_TOKEN);
    sim.scalingo.expireTokens();
    const expired = { status: 401, body: { error: "The token is invalid or has expired" } };
    expect(await api.database(database.id, addon).list()).toMatchObject(expired);
    expect(await api.database(database.id, bearer).list()).toMatchObject(expired);
    expect(await api.addonToken(bearer, "my-app", database.id)).toMatchObject(expired);
    const fresh = await api.tokensFor(database, API_TOKEN);
    expect((await api.database(database.id, fresh.addon).list()).status).toBe(200);
  });

  it("refuses tokens once their hour has passed, and tokens of another simulator", async () => {
    const { api, database } = await simulator();
    const { bearer, addon } = await api.tokensFor(database, API_TOKEN);
    const elsewhere = await simulator();
    const foreign = await elsewhere.api.tokensFor(elsewhere.database, API_TOKEN);
    expect((await api.database(database.id, foreign.bearer).list()).status).toBe(401);

    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + SCALINGO_TOKEN_LIFETIME_SECONDS * 1000 });
    expect((await api.database(database.id, addon).list()).status).toBe(401);
    expect((await api.database(database.id, bearer).list()).status).toBe(401);
    expect((await api.exchange(API_TOKEN)).status).toBe(200);
  });

  it("takes a token whose payload was edited for none: the signature no longer matches", async () => {
    const { api, database } = await simulator();
    const { addon } = await api.tokensFor(database, API_TOKEN);
    const [header, payload, signature] = addon.split(".");
    const claims = JSON.parse(Buffer.from(payload ?? "", "base64url").toString());
    const forged = Buffer.from(JSON.stringify({ ...claims, exp: claims.exp + 86_400 })).toString("base64url");
    expect((await api.database(database.id, `${header}.${forged}.${signature}`).list()).status).toBe(401);
  });

  it("also takes a static token (the default one) everywhere, for demos and quick tests", async () => {
    const sim = await start();
    const api = scalingoApi(sim);
    const database = sim.scalingo.addDatabase();
    expect((await api.database(database.id, DEFAULT_TOKEN).list()).status).toBe(200);
    expect((await api.exchange(DEFAULT_TOKEN)).status).toBe(200);
  });
});
