// Consumer contract of the Scalingo adapter on the Database API: every operation's success, each rule
// the server enforces (422), the protected owner's refusal, and every documented error, driven
// through the real adapter (with a Database API token, so that each test is one request) or, for the
// rules the adapter refuses before sending, through its raw client. `pnpm contract` then checks the
// pact file against specs/scalingo.yaml and replays it against the simulator.
import {
  AuthenticationError,
  ConflictError,
  type DatabaseUsersError,
  NotFoundError,
  PermissionError,
  RateLimitError,
  UnavailableError,
} from "@dbusers/core";
import { type FetchResult, unwrap } from "@dbusers/core/adapter";
import { Matchers } from "@pact-foundation/pact";
import { describe, expect, it } from "vitest";
import { createScalingoUsers, type ScalingoUsers } from "../../src/index.ts";
import { scalingo } from "../../src/vendor.ts";
import { bearer, interaction, JSON_CONTENT, retryLater, scalingoPact } from "./pact.ts";
import {
  APP_ID,
  CONTRACT_ADDON_TOKEN,
  DATABASE_ID,
  type DatabaseStateParams,
  OWNER,
  REVOKED_TOKEN,
  States,
} from "./states.ts";

const { like, eachLike } = Matchers;

const pact = scalingoPact("scalingo");

const USERS = `/api/databases/${DATABASE_ID}/users`;
const userPath = (name: string) => `${USERS}/${name}`;
const AUTHORIZATION = bearer(CONTRACT_ADDON_TOKEN);
const PASSWORD = "Zq3vR8nT5wLm2XyB7cKd9pHs4Fj6";
/** What the generated password looks like in a recorded request: any string (it is random). */
const GENERATED = like("Kx8mQ2vN7pR4tW9yB3cF6hJ1kL5nP0sD8gT2vX7zA4bC6eH9jM3qU5wY1rE0iO2u");

/** The create body the adapter sends: both official clients send database_id and read_only too. */
const createBody = <P>(name: string, password: P, readOnly = false) => ({
  database_user: {
    database_id: DATABASE_ID,
    name,
    read_only: readOnly,
    password,
    password_confirmation: password,
  },
});
const updateBody = (password: string, confirmation = password) => ({
  database_user: { database_id: DATABASE_ID, password, password_confirmation: confirmation },
});

const database = (users: string[] = []): DatabaseStateParams => ({
  appId: APP_ID,
  databaseId: DATABASE_ID,
  name: OWNER,
  engine: "postgresql",
  users,
});

function adapter(baseUrl: string, token = CONTRACT_ADDON_TOKEN): ScalingoUsers {
  // One attempt per call: the contract describes single exchanges, retries are core's unit tests' job.
  return createScalingoUsers({ token, databaseId: DATABASE_ID, dbApiUrl: baseUrl, retry: false });
}

const userLike = (name: string, fields: Record<string, unknown> = {}) =>
  like({
    name,
    read_only: false,
    protected: false,
    dbms_attributes: { password_encryption: "SCRAM-SHA-256" },
    ...fields,
  });

async function rejection(promise: Promise<unknown>): Promise<DatabaseUsersError> {
  return promise.then(
    () => expect.fail("expected the call to be rejected"),
    (error: DatabaseUsersError) => error,
  );
}

/**
 * The lookup a create makes first, proving the name free: the list holds the protected owner alone.
 * Registered in the create's test, before its own interaction, so that the mock server serves both.
 */
function lookupBeforeCreate(name: string): void {
  interaction(
    pact,
    `a lookup of the users before creating ${name}`,
    { method: "GET", path: USERS, authorization: AUTHORIZATION },
    [[States.databaseExists, database()]],
  ).willRespondWith(200, (b) => {
    b.headers({ "Content-Type": JSON_CONTENT });
    b.jsonBody({ "database-users": [userLike(OWNER, { protected: true })] });
  });
}

describe("Scalingo database users: successful operations", () => {
  it("database_list_users lists every user under `database-users`, the protected owner included", async () => {
    await interaction(
      pact,
      "a request to list the users",
      { method: "GET", path: USERS, authorization: AUTHORIZATION },
      [[States.databaseExists, database(["metabase"])]],
    )
      .willRespondWith(200, (b) => {
        b.headers({ "Content-Type": JSON_CONTENT });
        b.jsonBody({
          "database-users": [userLike(OWNER, { protected: true }), userLike("metabase")],
        });
      })
      .executeTest(async (mock) => {
        const users = await adapter(mock.url).list();
        expect(users.map((user) => user.name)).toEqual([OWNER, "metabase"]);
        expect(users[0]).toMatchObject({ provider: "scalingo", id: OWNER, protected: true });
        expect(users[1]).toMatchObject({ id: "metabase", protected: false, readOnly: false });
      });
  });

  it("database_create_user sends database_id, read_only and the adapter's password; the answer is rooted", async () => {
    const body = createBody("metabase", GENERATED, true);
    lookupBeforeCreate("metabase");
    await interaction(
      pact,
      "a request to create a read-only user",
      { method: "POST", path: USERS, authorization: AUTHORIZATION, body },
      [[States.databaseExists, database()]],
    )
      .willRespondWith(201, (b) => {
        b.headers({ "Content-Type": JSON_CONTENT });
        b.jsonBody({ database_user: userLike("metabase", { read_only: true, password: like(PASSWORD) }) });
      })
      .executeTest(async (mock) => {
        const { user, password } = await adapter(mock.url).create({ name: "metabase", readOnly: true });
        expect(user).toMatchObject({ name: "metabase", readOnly: true, protected: false });
        expect(password.reveal()).toMatch(/^[A-Za-z0-9]{64}$/);
      });
  });

  it("database_create_user with the caller's password, answered bare as the documentation shows it", async () => {
    const body = createBody("my-user", PASSWORD);
    lookupBeforeCreate("my-user");
    await interaction(
      pact,
      "a request to create a user with a chosen password, answered bare",
      { method: "POST", path: USERS, authorization: AUTHORIZATION, body },
      [[States.databaseExists, database()], [States.usersAnswerBare]],
    )
      .willRespondWith(201, (b) => {
        b.headers({ "Content-Type": JSON_CONTENT });
        b.jsonBody(userLike("my-user", { password: PASSWORD }));
      })
      .executeTest(async (mock) => {
        const { user, password } = await adapter(mock.url).create({ name: "my-user", password: PASSWORD });
        expect(user).toMatchObject({ name: "my-user", readOnly: false });
        expect(password.reveal()).toBe(PASSWORD);
      });
  });

  it("database_update_user (setPassword) sends the password and its confirmation", async () => {
    const body = updateBody(PASSWORD);
    await interaction(
      pact,
      "a request to change the password of user metabase",
      { method: "PATCH", path: userPath("metabase"), authorization: AUTHORIZATION, body },
      [[States.databaseExists, database(["metabase"])]],
    )
      .willRespondWith(200, (b) => {
        b.headers({ "Content-Type": JSON_CONTENT });
        b.jsonBody({ database_user: userLike("metabase") });
      })
      .executeTest(async (mock) => {
        await expect(adapter(mock.url).setPassword("metabase", PASSWORD)).resolves.toBeUndefined();
      });
  });

  it("database_user_reset_password posts `{}` and gets Scalingo's generated password", async () => {
    await interaction(
      pact,
      "a request to reset the password of user metabase",
      {
        method: "POST",
        path: `${userPath("metabase")}/reset_password`,
        authorization: AUTHORIZATION,
        body: {},
      },
      [[States.databaseExists, database(["metabase"])]],
    )
      .willRespondWith(200, (b) => {
        b.headers({ "Content-Type": JSON_CONTENT });
        b.jsonBody({ database_user: userLike("metabase", { password: like("ooC4tahshie1Ohv6eiph8Aex") }) });
      })
      .executeTest(async (mock) => {
        const { user, password } = await adapter(mock.url).resetPassword("metabase");
        expect(user.name).toBe("metabase");
        expect(password.reveal()).toBe("ooC4tahshie1Ohv6eiph8Aex");
      });
  });

  it("database_delete_user answers 204 with no body", async () => {
    await interaction(
      pact,
      "a request to delete user metabase",
      { method: "DELETE", path: userPath("metabase"), authorization: AUTHORIZATION },
      [[States.databaseExists, database(["metabase"])]],
    )
      .willRespondWith(204)
      .executeTest(async (mock) => {
        await expect(adapter(mock.url).delete("metabase")).resolves.toBeUndefined();
      });
  });
});

// The rules the adapter checks before sending are Scalingo's own: its raw client sends what the
// adapter would refuse, and Scalingo answers 422 with the offending field.
describe("Scalingo database users: the rules Scalingo enforces (422)", () => {
  // A create body without a password, for the rules on names.
  const create = (name: string) => ({ database_user: { database_id: DATABASE_ID, name, read_only: false } });
  const rules: Array<[string, "POST" | "PATCH", string, Record<string, unknown>, string, string]> = [
    [
      "a name shorter than 6 characters",
      "POST",
      USERS,
      create("short"),
      "name",
      "must NOT have fewer than 6 characters",
    ],
    [
      "a name longer than 32 characters",
      "POST",
      USERS,
      create("a".repeat(33)),
      "name",
      "must NOT have more than 32 characters",
    ],
    [
      "a name with an underscore",
      "POST",
      USERS,
      create("my_user"),
      "name",
      'must match pattern "^[a-z0-9]+(-[a-z0-9]+)*$"',
    ],
    [
      "a name with two hyphens in a row",
      "POST",
      USERS,
      create("my--user"),
      "name",
      'must match pattern "^[a-z0-9]+(-[a-z0-9]+)*$"',
    ],
    [
      "a password shorter than 24 characters",
      "POST",
      USERS,
      createBody("my-user", "too-short"),
      "password",
      "must NOT have fewer than 24 characters",
    ],
    [
      "a confirmation that differs from the password",
      "POST",
      USERS,
      {
        database_user: {
          ...createBody("my-user", PASSWORD).database_user,
          password_confirmation: `${PASSWORD}x`,
        },
      },
      "password_confirmation",
      "doesn't match password",
    ],
    [
      "a new password longer than 64 characters",
      "PATCH",
      userPath("metabase"),
      updateBody("x".repeat(65)),
      "password",
      "must NOT have more than 64 characters",
    ],
    [
      "a new password whose confirmation differs",
      "PATCH",
      userPath("metabase"),
      updateBody(PASSWORD, `${PASSWORD}x`),
      "password_confirmation",
      "doesn't match password",
    ],
  ];

  it.each(rules)(
    "%s is a 422 naming the field, which the adapter reads as a ValidationError issue",
    async (what, method, path, body, field, message) => {
      await interaction(
        pact,
        `a request with ${what}`,
        { method, path, authorization: AUTHORIZATION, body },
        [[States.databaseExists, database(["metabase"])]],
      )
        .willRespondWith(422, (b) => {
          b.headers({ "Content-Type": JSON_CONTENT });
          b.jsonBody({ errors: { [field]: eachLike(message) } });
        })
        .executeTest(async (mock) => {
          const { client } = adapter(mock.url);
          const sent =
            method === "POST"
              ? await client.POST("/api/databases/{database_id}/users", {
                  params: { path: { database_id: DATABASE_ID } },
                  body: body as never,
                })
              : await client.PATCH("/api/databases/{database_id}/users/{username}", {
                  params: { path: { database_id: DATABASE_ID, username: "metabase" } },
                  body: body as never,
                });
          expect(sent.response.status).toBe(422);
          expect(sent.error).toEqual({ errors: { [field]: [message] } });
        });
    },
  );

  it("a name taken since the lookup is a 422 the adapter throws as a ConflictError", async () => {
    const body = createBody("metabase", GENERATED);
    // The lookup saw the name free; another client took it before the create arrived.
    lookupBeforeCreate("metabase, taken since");
    await interaction(
      pact,
      "a request to create a user whose name is taken",
      { method: "POST", path: USERS, authorization: AUTHORIZATION, body },
      [[States.databaseExists, database(["metabase"])]],
    )
      .willRespondWith(422, (b) => {
        b.headers({ "Content-Type": JSON_CONTENT });
        b.jsonBody({ errors: { name: eachLike("has already been taken") } });
      })
      .executeTest(async (mock) => {
        const error = await rejection(adapter(mock.url).create({ name: "metabase" }));
        expect(error).toBeInstanceOf(ConflictError);
        expect(error).toMatchObject({ code: "conflict", outcome: "not-applied" });
        expect(error.cause).toMatchObject({
          status: 422,
          issues: [{ path: "name", message: "has already been taken" }],
        });
      });
  });
});

describe("Scalingo database users: the protected owner", () => {
  const refusals: Array<
    [string, "PATCH" | "POST" | "DELETE", string, unknown, (users: ScalingoUsers) => Promise<unknown>]
  > = [
    [
      "database_update_user",
      "PATCH",
      userPath(OWNER),
      updateBody(PASSWORD),
      (users) => users.setPassword(OWNER, PASSWORD),
    ],
    [
      "database_user_reset_password",
      "POST",
      `${userPath(OWNER)}/reset_password`,
      {},
      (users) => users.resetPassword(OWNER),
    ],
    ["database_delete_user", "DELETE", userPath(OWNER), undefined, (users) => users.delete(OWNER)],
  ];

  it.each(refusals)(
    "%s of the protected owner is a 403 the adapter throws as a PermissionError",
    async (operation, method, path, body, call) => {
      await interaction(
        pact,
        `${operation} of the protected owner`,
        { method, path, authorization: AUTHORIZATION, body },
        [[States.databaseExists, database()]],
      )
        .willRespondWith(403, (b) => {
          b.headers({ "Content-Type": JSON_CONTENT });
          b.jsonBody({ error: like(`user ${OWNER} is protected`), code: "protected_user" });
        })
        .executeTest(async (mock) => {
          const error = await rejection(call(adapter(mock.url)));
          expect(error).toBeInstanceOf(PermissionError);
          expect(error).toMatchObject({ status: 403, vendorCode: "protected_user" });
        });
    },
  );
});

// Every operation meets each documented error; the table keeps the interactions uniform. A create,
// reset or delete is sent through the raw client here, each error once: the adapter's own sequence
// around it (the lookup before a create, the look after a lost answer, re-sends) is its unit tests' and
// the conformance suite's to prove.
interface Operation {
  id: string;
  method: "GET" | "POST" | "PATCH" | "DELETE";
  path: string;
  body?: unknown;
  /** The resource Scalingo names in the 404, and the state in which it applies. */
  notFound: ["database" | "database_user", DatabaseStateParams?];
  call: (users: ScalingoUsers) => Promise<unknown>;
}

/** One request of the raw client, its answer turned into the adapter's typed error. */
const raw = (send: (client: ScalingoUsers["client"]) => Promise<FetchResult<unknown>>) => {
  return async (users: ScalingoUsers) => unwrap(await send(users.client), scalingo);
};
const database_ = { path: { database_id: DATABASE_ID } };
const user_ = (username: string) => ({ path: { database_id: DATABASE_ID, username } });

const operations: Operation[] = [
  {
    id: "database_list_users",
    method: "GET",
    path: USERS,
    notFound: ["database"],
    call: (users) => users.list(),
  },
  {
    id: "database_create_user",
    method: "POST",
    path: USERS,
    body: createBody("my-user", PASSWORD),
    notFound: ["database"],
    call: raw((client) =>
      client.POST("/api/databases/{database_id}/users", {
        params: database_,
        body: createBody("my-user", PASSWORD),
      }),
    ),
  },
  {
    id: "database_update_user",
    method: "PATCH",
    path: userPath("metabase"),
    body: updateBody(PASSWORD),
    notFound: ["database_user", database()],
    call: (users) => users.setPassword("metabase", PASSWORD),
  },
  {
    id: "database_user_reset_password",
    method: "POST",
    path: `${userPath("metabase")}/reset_password`,
    body: {},
    notFound: ["database_user", database()],
    call: raw((client) =>
      client.POST("/api/databases/{database_id}/users/{username}/reset_password", {
        params: user_("metabase"),
        body: {},
      }),
    ),
  },
  {
    id: "database_delete_user",
    method: "DELETE",
    path: userPath("metabase"),
    notFound: ["database_user", database()],
    call: raw((client) =>
      client.DELETE("/api/databases/{database_id}/users/{username}", {
        params: user_("metabase"),
        parseAs: "text",
      }),
    ),
  },
];

describe.each(operations)("Scalingo database users: errors of $id", (operation) => {
  const existing = database(["metabase"]);
  const request = (authorization = AUTHORIZATION) => ({
    method: operation.method,
    path: operation.path,
    authorization,
    ...(operation.body === undefined ? {} : { body: operation.body }),
  });

  it("401: a token Scalingo refuses is an AuthenticationError (a given token is not renewed)", async () => {
    await interaction(pact, `${operation.id} with a refused token`, request(bearer(REVOKED_TOKEN)), [
      [States.databaseExists, existing],
    ])
      .willRespondWith(401, (b) => {
        b.headers({ "Content-Type": JSON_CONTENT });
        b.jsonBody({ error: like("You are not authorized to do this operation") });
      })
      .executeTest(async (mock) => {
        const error = await rejection(operation.call(adapter(mock.url, REVOKED_TOKEN)));
        expect(error).toBeInstanceOf(AuthenticationError);
        expect(error).toMatchObject({
          status: 401,
          message: "scalingo answered 401: You are not authorized to do this operation",
        });
        expect(error.message).not.toContain(REVOKED_TOKEN);
      });
  });

  it("404: an unknown database or user is a NotFoundError naming the resource", async () => {
    const [resource, params] = operation.notFound;
    const state: [string, DatabaseStateParams?] = params
      ? [States.databaseExists, params]
      : [States.databaseMissing];
    await interaction(pact, `${operation.id} for a ${resource} that does not exist`, request(), [state])
      .willRespondWith(404, (b) => {
        b.headers({ "Content-Type": JSON_CONTENT });
        b.jsonBody({ resource, error: "not found" });
      })
      .executeTest(async (mock) => {
        const error = await rejection(operation.call(adapter(mock.url)));
        expect(error).toBeInstanceOf(NotFoundError);
        expect(error).toMatchObject({ status: 404, message: `scalingo answered 404: ${resource} not found` });
      });
  });

  it("429: the plain-text answer is a RateLimitError, with no wait Scalingo would have said", async () => {
    await interaction(pact, `${operation.id} beyond the rate limit`, request(), [
      [States.databaseExists, existing],
      [States.rateLimitExhausted],
    ])
      .willRespondWith(429, retryLater)
      .executeTest(async (mock) => {
        const error = await rejection(operation.call(adapter(mock.url)));
        expect(error).toBeInstanceOf(RateLimitError);
        expect(error).toMatchObject({ status: 429, message: "scalingo answered 429: Retry later" });
        expect((error as RateLimitError).retryAfterMs).toBeUndefined();
      });
  });

  it("500: a server error is an UnavailableError with Scalingo's message", async () => {
    await interaction(pact, `${operation.id} while Scalingo fails`, request(), [
      [States.databaseExists, existing],
      [States.serverError],
    ])
      .willRespondWith(500, (b) => {
        b.headers({ "Content-Type": JSON_CONTENT });
        b.jsonBody({ error: like("Internal error occured, we're on it!") });
      })
      .executeTest(async (mock) => {
        const error = await rejection(operation.call(adapter(mock.url)));
        expect(error).toBeInstanceOf(UnavailableError);
        expect(error).toMatchObject({ status: 500 });
        // A mutation's message goes on to say that the change may have happened.
        expect(error.message).toMatch(/^scalingo answered 500: Internal error occured, we're on it!/);
      });
  });
});
