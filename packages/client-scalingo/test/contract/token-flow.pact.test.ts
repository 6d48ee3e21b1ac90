// Consumer contract of the token flow the adapter runs before the Database API: token_exchange and
// addon_token, their success and their errors, driven through the real adapter against the Pact mock
// server (which serves the three services under one URL, like the simulator). `pnpm contract` checks
// the pact file against specs/scalingo.yaml and replays it against the simulator.
import { AuthenticationError, NotFoundError, RateLimitError } from "@dbusers/core";
import { Matchers } from "@pact-foundation/pact";
import { describe, expect, it } from "vitest";
import { createScalingoUsers, type ScalingoRouting, type ScalingoUsers } from "../../src/index.ts";
import { basic, bearer, interaction, JSON_CONTENT, jwtLike, retryLater, scalingoPact } from "./pact.ts";
import {
  APP_ID,
  CONTRACT_ADDON_TOKEN,
  CONTRACT_API_TOKEN,
  CONTRACT_BEARER,
  DATABASE_ID,
  type DatabaseStateParams,
  OWNER,
  REVOKED_API_TOKEN,
  REVOKED_TOKEN,
  States,
} from "./states.ts";

const { like, eachLike } = Matchers;

const pact = scalingoPact("scalingo-token-flow");

const EXCHANGE = "/v1/tokens/exchange";
const ADDON_TOKEN = `/v1/apps/${APP_ID}/addons/${DATABASE_ID}/token`;
const USERS = `/api/databases/${DATABASE_ID}/users`;
const database: DatabaseStateParams = {
  appId: APP_ID,
  databaseId: DATABASE_ID,
  name: OWNER,
  engine: "postgresql",
  users: [],
};

function adapter(
  baseUrl: string,
  routing: ScalingoRouting = "db-api",
  apiToken = CONTRACT_API_TOKEN,
): ScalingoUsers {
  // One attempt per call: the contract describes single exchanges, retries are core's unit tests' job.
  return createScalingoUsers({
    apiToken,
    appId: APP_ID,
    addonId: DATABASE_ID,
    routing,
    baseUrl,
    retry: false,
  });
}

/** token_exchange answering the bearer `token` (the mock's example; the simulator mints its own). */
function exchange(token = CONTRACT_BEARER, description = "an exchange of the API token for a bearer") {
  // go-scalingo and scalingo.js post `{}`.
  return interaction(pact, description, {
    method: "POST",
    path: EXCHANGE,
    authorization: basic(CONTRACT_API_TOKEN),
    body: {},
  }).willRespondWith(200, (b) => {
    b.headers({ "Content-Type": JSON_CONTENT });
    b.jsonBody({ token: jwtLike(token) });
  });
}

/** database_list_users answering the protected owner, with `token`. */
function listUsers(description: string, token: string) {
  return interaction(pact, description, { method: "GET", path: USERS, authorization: bearer(token) }, [
    [States.databaseExists, database],
  ]).willRespondWith(200, (b) => {
    b.headers({ "Content-Type": JSON_CONTENT });
    b.jsonBody({ "database-users": eachLike({ name: OWNER, read_only: false, protected: true }) });
  });
}

describe("Scalingo token flow: successful", () => {
  it("token_exchange, then addon_token with the bearer, then the Database API with the addon token", async () => {
    exchange();
    interaction(
      pact,
      "a request for the addon's Database API token",
      {
        method: "POST",
        path: ADDON_TOKEN,
        authorization: bearer(CONTRACT_BEARER),
        body: {},
      },
      [[States.databaseExists, database]],
    ).willRespondWith(200, (b) => {
      b.headers({ "Content-Type": JSON_CONTENT });
      b.jsonBody({
        addon: {
          id: like(DATABASE_ID),
          app_id: like(APP_ID),
          resource_id: like(OWNER),
          status: like("running"),
          addon_provider: like({ id: "postgresql", name: "PostgreSQL" }),
          token: jwtLike(CONTRACT_ADDON_TOKEN),
        },
      });
    });
    await listUsers(
      "a request to list the users with the addon token (db-api routing)",
      CONTRACT_ADDON_TOKEN,
    ).executeTest(async (mock) => {
      const users = await adapter(mock.url).list();
      expect(users.map((user) => user.name)).toEqual([OWNER]);
      expect(users[0]).toMatchObject({ provider: "scalingo", protected: true, readOnly: false });
    });
  });

  it('token_exchange, then the regional API with the bearer alone ("api" routing)', async () => {
    exchange();
    await listUsers(
      "a request to list the users with the exchanged bearer (regional API routing)",
      CONTRACT_BEARER,
    ).executeTest(async (mock) => {
      expect((await adapter(mock.url, "api").list()).map((user) => user.name)).toEqual([OWNER]);
    });
  });
});

describe("Scalingo token flow: errors", () => {
  it("token_exchange 401: an API token Scalingo does not know is an AuthenticationError", async () => {
    await interaction(pact, "an exchange of a revoked API token", {
      method: "POST",
      path: EXCHANGE,
      authorization: basic(REVOKED_API_TOKEN),
      body: {},
    })
      .willRespondWith(401, (b) => {
        b.headers({ "Content-Type": JSON_CONTENT });
        b.jsonBody({ error: like("You are not authorized to do this operation") });
      })
      .executeTest(async (mock) => {
        const error = await adapter(mock.url, "db-api", REVOKED_API_TOKEN)
          .list()
          .catch((caught) => caught);
        expect(error).toBeInstanceOf(AuthenticationError);
        expect(error).toMatchObject({ status: 401 });
        expect(error.message).not.toContain(REVOKED_API_TOKEN);
      });
  });

  it("token_exchange 429: the plain-text answer is a RateLimitError", async () => {
    await interaction(
      pact,
      "an exchange beyond the rate limit",
      { method: "POST", path: EXCHANGE, authorization: basic(CONTRACT_API_TOKEN), body: {} },
      [[States.rateLimitExhausted]],
    )
      .willRespondWith(429, retryLater)
      .executeTest(async (mock) => {
        const error = await adapter(mock.url)
          .list()
          .catch((caught) => caught);
        expect(error).toBeInstanceOf(RateLimitError);
        expect(error).toMatchObject({ status: 429, message: "scalingo answered 429: Retry later" });
      });
  });

  it("addon_token 404: an unknown app is a NotFoundError naming the resource", async () => {
    exchange();
    await interaction(
      pact,
      "a request for the Database API token of an unknown app's addon",
      { method: "POST", path: ADDON_TOKEN, authorization: bearer(CONTRACT_BEARER), body: {} },
      [[States.databaseMissing]],
    )
      .willRespondWith(404, (b) => {
        b.headers({ "Content-Type": JSON_CONTENT });
        b.jsonBody({ resource: "app", error: "not found" });
      })
      .executeTest(async (mock) => {
        const error = await adapter(mock.url)
          .list()
          .catch((caught) => caught);
        expect(error).toBeInstanceOf(NotFoundError);
        expect(error).toMatchObject({ status: 404, message: "scalingo answered 404: app not found" });
      });
  });

  it("addon_token 401: the refused bearer is renewed by one more exchange, then the second 401 is an AuthenticationError", async () => {
    exchange(REVOKED_TOKEN, "an exchange of the API token for a bearer that will be refused");
    await interaction(
      pact,
      "a request for the addon's Database API token with a refused bearer",
      {
        method: "POST",
        path: ADDON_TOKEN,
        authorization: bearer(REVOKED_TOKEN),
        body: {},
      },
      [[States.databaseExists, database]],
    )
      .willRespondWith(401, (b) => {
        b.headers({ "Content-Type": JSON_CONTENT });
        b.jsonBody({ error: like("The token is invalid or has expired") });
      })
      .executeTest(async (mock) => {
        const error = await adapter(mock.url)
          .list()
          .catch((caught) => caught);
        expect(error).toBeInstanceOf(AuthenticationError);
        expect(error.message).not.toContain(REVOKED_TOKEN);
      });
  });

  it("addon_token 429: a RateLimitError", async () => {
    exchange();
    await interaction(
      pact,
      "a request for the addon's Database API token beyond the rate limit",
      { method: "POST", path: ADDON_TOKEN, authorization: bearer(CONTRACT_BEARER), body: {} },
      [[States.databaseExists, database], [States.rateLimitExhausted]],
    )
      .willRespondWith(429, retryLater)
      .executeTest(async (mock) => {
        expect(
          await adapter(mock.url)
            .list()
            .catch((caught) => caught),
        ).toBeInstanceOf(RateLimitError);
      });
  });
});
