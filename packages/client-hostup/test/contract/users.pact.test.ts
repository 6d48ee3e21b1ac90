// Consumer contract of the HostUp adapter: every operation's success and every documented error,
// driven through the real adapter against the Pact mock server. `pnpm contract` then checks the pact
// file against specs/hostup.yaml and replays it against the simulator.
import {
  AuthenticationError,
  ConflictError,
  type DatabaseUsersError,
  NotFoundError,
  PermissionError,
  RateLimitError,
  UnavailableError,
  ValidationError,
} from "@dbusers/core";
import { rejectionOf } from "@dbusers/testing";
import { Matchers } from "@pact-foundation/pact";
import { describe, expect, it } from "vitest";
import { createHostUpUsers, type HostUpUsers } from "../../src/index.ts";
import { hostUpPact } from "./pact.ts";
import {
  ACCOUNT_ID,
  type AccountStateParams,
  APPUSER_ID,
  CONTRACT_TOKEN,
  DATABASE,
  type FailingOperation,
  LIMITED_TOKEN,
  LIST_ONLY_TOKEN,
  REVOKED_TOKEN,
  States,
} from "./states.ts";

const { like, regex } = Matchers;

const USERS_PATH = `/shared-hosting/${ACCOUNT_ID}/database-users`;
const userPath = (name: string, route = "") => `${USERS_PATH}/${name}${route}`;
// String patterns: the Rust matcher behind Pact rejects JavaScript's escaped `\/` (and has no lookahead).
const JSON_CONTENT = regex("^application/json(;.*)?$", "application/json; charset=utf-8");
const PROBLEM_CONTENT = regex("^application/problem\\+json(;.*)?$", "application/problem+json");
const ISO_8601 = "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z$";
// What the adapter generates (its character classes are checked by test/users/passwords.test.ts).
const GENERATED_PASSWORD = regex("^[A-Za-z0-9]{32}$", "Vq7mK2xTz9pLw4RnHs4nP8qWc2vXe6Zt");
const REQUEST_ID = "req_01hxa3b4c5d6e7f8g9h0j1k2m3";

type State = [string, (AccountStateParams | FailingOperation)?];
/** The part of Pact's response builder these tests use (pact-js does not export its type). */
interface ResponseBuilder {
  headers(headers: Record<string, unknown>): unknown;
  jsonBody(body: unknown): unknown;
}

const appuser = (privileges?: Record<string, string[]>) => ({
  username: "appuser",
  ...(privileges && { privileges }),
});
const account = (users: AccountStateParams["users"] = []): State => [
  States.accountExists,
  { accountId: ACCOUNT_ID, databases: [DATABASE], users },
];
const withAppuser = account([appuser({ [DATABASE]: ["INSERT", "SELECT"] })]);

/** HostUp's user object; the id is matched by type unless the test relies on it. */
const userBody = (id: unknown = like(APPUSER_ID), username = "appuser") => ({
  id,
  username,
  host: like("localhost"),
});

/** A JSON answer (HostUp's `application/json`), or an empty one. */
const answer = (body?: unknown) => (b: ResponseBuilder) => {
  if (body === undefined) return;
  b.headers({ "Content-Type": JSON_CONTENT });
  b.jsonBody(body);
};

/** HostUp's RFC 7807 problem document, sent as `application/problem+json`; `members` adds or overrides. */
const problemAnswer =
  (status: number, code: string, title: string, detail: string, members = {}, headers = {}) =>
  (b: ResponseBuilder) => {
    b.headers({ "Content-Type": PROBLEM_CONTENT, ...headers });
    b.jsonBody({
      type: `https://developer.hostup.se/errors/${code}`,
      title: like(title),
      status,
      detail: like(detail),
      code,
      requestId: regex("^req_\\w+$", REQUEST_ID),
      timestamp: regex(ISO_8601, "2026-04-27T12:34:56.000Z"),
      ...members,
    });
  };

function adapter(baseUrl: string, token = CONTRACT_TOKEN): HostUpUsers {
  // One attempt per call: the contract describes single exchanges, retries are core's unit tests' job.
  return createHostUpUsers({ token, accountId: ACCOUNT_ID, baseUrl, retry: false });
}

const rejection = (promise: Promise<unknown>) => rejectionOf(promise) as Promise<DatabaseUsersError>;

const pact = hostUpPact();

interface Exchange {
  method: "GET" | "POST" | "PUT" | "DELETE";
  path: string;
  body?: Record<string, unknown>;
  /** The API key sent (default: one with every scope). */
  token?: string;
}

function interaction(
  description: string,
  { method, path, body, token = CONTRACT_TOKEN }: Exchange,
  ...states: State[]
) {
  const given = states.reduce(
    (builder, [state, params]) => (params ? builder.given(state, params) : builder.given(state)),
    pact.addInteraction(),
  );
  return given.uponReceiving(description).withRequest(method, path, (b) => {
    b.headers({ Accept: "application/json", Authorization: `Bearer ${token}` });
    if (body) b.jsonBody(body);
  });
}

/**
 * The lookup create and delete start with (create proves the name free, delete finds the user's dbu_
 * id): the users of `state`'s account, listed with `token`.
 */
function lookup(state: State, token = CONTRACT_TOKEN) {
  const params = state[1];
  const users = params && "users" in params ? params.users : [];
  const names = users.map((user) => user.username).join(", ") || "none";
  const key = token === CONTRACT_TOKEN ? "" : ` with the key ${token}`;
  interaction(
    `a lookup of the users (${names})${key}`,
    { method: "GET", path: USERS_PATH, token },
    state,
  ).willRespondWith(200, answer({ databaseUsers: users.map((user) => userBody(undefined, user.username)) }));
}

describe("HostUp database users: successful operations", () => {
  it("list_database_users lists every user of the account", async () => {
    const wpReader = "dbu_01hxb7q2w9e4r5t6y7u8i9o0p1";
    await interaction(
      "a request to list the users",
      { method: "GET", path: USERS_PATH },
      account([appuser(), { username: "wp_reader" }]),
    )
      .willRespondWith(200, answer({ databaseUsers: [userBody(), userBody(like(wpReader), "wp_reader")] }))
      .executeTest(async (mock) => {
        const users = await adapter(mock.url).list();
        expect(users.map((u) => [u.id, u.name, u.host])).toEqual([
          [APPUSER_ID, "appuser", "localhost"],
          [wpReader, "wp_reader", "localhost"],
        ]);
      });
  });

  it("create_database_user creates a user with a password the adapter generated, and returns it", async () => {
    const body = { username: "appuser", password: GENERATED_PASSWORD };
    lookup(account());
    await interaction(
      "a request to create user appuser with a generated password",
      { method: "POST", path: USERS_PATH, body },
      account(),
    )
      .willRespondWith(201, answer(userBody()))
      .executeTest(async (mock) => {
        const { user, password } = await adapter(mock.url).create({ name: "appuser" });
        expect(user).toMatchObject({ provider: "hostup", id: APPUSER_ID, name: "appuser" });
        expect(password.reveal()).toMatch(/^(?=.*[a-z])(?=.*[A-Z])(?=.*[0-9])[A-Za-z0-9]{32}$/);
        expect(String(password)).toBe("[REDACTED]");
      });
  });

  it("create_database_user sends a chosen password as it is", async () => {
    const body = { username: "appuser", password: "Vq7mK2xTz9pLw4Rn" };
    lookup(account());
    await interaction(
      "a request to create user appuser with a chosen password",
      { method: "POST", path: USERS_PATH, body },
      account(),
    )
      .willRespondWith(201, answer(userBody()))
      .executeTest(async (mock) => {
        const { password } = await adapter(mock.url).create({
          name: "appuser",
          password: "Vq7mK2xTz9pLw4Rn",
        });
        expect(password.reveal()).toBe("Vq7mK2xTz9pLw4Rn");
      });
  });

  it("reset_database_user_password sets a chosen password (setPassword)", async () => {
    const body = { newPassword: "Hs4nP8qWc2vXe6Zt" };
    await interaction(
      "a request to set the password of user appuser",
      { method: "PUT", path: userPath("appuser", "/password"), body },
      account([appuser()]),
    )
      .willRespondWith(200, answer(userBody()))
      .executeTest(async (mock) => {
        await expect(adapter(mock.url).setPassword("appuser", "Hs4nP8qWc2vXe6Zt")).resolves.toBeUndefined();
      });
  });

  it("reset_database_user_password sets a generated one, addressing the user by its dbu_ id (resetPassword)", async () => {
    const body = { newPassword: GENERATED_PASSWORD };
    await interaction(
      "a request to reset the password of the user with id dbu_01hxa3b4c5d6e7f8g9h0j1k2m3",
      { method: "PUT", path: userPath(APPUSER_ID, "/password"), body },
      account([appuser()]),
    )
      .willRespondWith(200, answer(userBody(APPUSER_ID)))
      .executeTest(async (mock) => {
        const { user, password } = await adapter(mock.url).resetPassword(APPUSER_ID);
        expect(user).toMatchObject({ id: APPUSER_ID, name: "appuser" });
        expect(password.reveal()).toMatch(/^[A-Za-z0-9]{32}$/);
      });
  });

  it("delete_database_user deletes the user found by its name, by its dbu_ id, and answers 204 with no body", async () => {
    lookup(withAppuser);
    await interaction(
      "a request to delete user appuser by its dbu_ id",
      { method: "DELETE", path: userPath(APPUSER_ID) },
      withAppuser,
    )
      .willRespondWith(204)
      .executeTest(async (mock) => {
        await expect(adapter(mock.url).delete("appuser")).resolves.toBeUndefined();
      });
  });

  it.each([
    ["INSERT and UPDATE", ["INSERT", "UPDATE"], ["INSERT", "SELECT", "UPDATE"]],
    ["ALL PRIVILEGES, which replaces the list", ["ALL PRIVILEGES"], ["ALL PRIVILEGES"]],
  ] as const)(
    "grant_database_privileges grants %s on one database and answers what the user holds there",
    async (label, granted, held) => {
      const body = { database: DATABASE, privileges: granted };
      await interaction(
        `a request to grant ${label} to user appuser`,
        { method: "POST", path: userPath("appuser", "/privileges"), body },
        account([appuser({ [DATABASE]: ["SELECT"] })]),
      )
        .willRespondWith(200, answer({ database: DATABASE, privileges: held }))
        .executeTest(async (mock) => {
          expect(await adapter(mock.url).grantPrivileges("appuser", DATABASE, granted)).toEqual({
            database: DATABASE,
            privileges: held,
          });
        });
    },
  );

  it.each([
    ["INSERT", ["INSERT"] as const],
    ["every privilege on the database", undefined],
  ])("revoke_database_privileges revokes %s and answers 204", async (label, revoked) => {
    const body = { database: DATABASE, ...(revoked && { privileges: revoked }) };
    await interaction(
      `a request to revoke ${label} from user appuser`,
      { method: "DELETE", path: userPath("appuser", "/privileges"), body },
      withAppuser,
    )
      .willRespondWith(204)
      .executeTest(async (mock) => {
        await expect(
          adapter(mock.url).revokePrivileges("appuser", DATABASE, revoked),
        ).resolves.toBeUndefined();
      });
  });
});

describe("HostUp database users: what only HostUp can refuse", () => {
  const tooWeak = problemAnswer(400, "password_too_weak", "Password too weak", "Password too weak.");

  it("create_database_user: 400 password_too_weak is a ValidationError naming no password", async () => {
    const body = { username: "appuser", password: "Appuser2026" };
    lookup(account());
    await interaction(
      "a request to create user appuser with a guessable password",
      { method: "POST", path: USERS_PATH, body },
      account(),
    )
      .willRespondWith(400, tooWeak)
      .executeTest(async (mock) => {
        const error = await rejection(adapter(mock.url).create({ name: "appuser", password: "Appuser2026" }));
        expect(error).toBeInstanceOf(ValidationError);
        expect(error).toMatchObject({
          status: 400,
          code: "validation_error",
          vendorCode: "password_too_weak",
          requestId: REQUEST_ID,
        });
        expect(error.message).not.toContain("Appuser2026");
      });
  });

  it("reset_database_user_password: 400 password_too_weak is a ValidationError", async () => {
    const body = { newPassword: "Appuser2026" };
    await interaction(
      "a request to set a guessable password for user appuser",
      { method: "PUT", path: userPath("appuser", "/password"), body },
      account([appuser()]),
    )
      .willRespondWith(400, tooWeak)
      .executeTest(async (mock) => {
        const error = await rejection(adapter(mock.url).setPassword("appuser", "Appuser2026"));
        expect(error).toBeInstanceOf(ValidationError);
        expect(error).toMatchObject({ status: 400, vendorCode: "password_too_weak" });
      });
  });

  it.each([
    [
      "grant_database_privileges",
      "POST",
      (users: HostUpUsers) => users.grantPrivileges("appuser", "other_db", ["SELECT"]),
    ],
    [
      "revoke_database_privileges",
      "DELETE",
      (users: HostUpUsers) => users.revokePrivileges("appuser", "other_db"),
    ],
  ] as const)(
    "%s: 400 with a field error on /database is a ValidationError that keeps it",
    async (id, method, call) => {
      const body =
        method === "POST" ? { database: "other_db", privileges: ["SELECT"] } : { database: "other_db" };
      const fieldError = {
        pointer: "/database",
        detail: "`database` is not a database of this account.",
        code: "invalid_request",
      };
      await interaction(
        `${id} on a database the account does not have`,
        { method, path: userPath("appuser", "/privileges"), body },
        withAppuser,
      )
        .willRespondWith(
          400,
          problemAnswer(
            400,
            "invalid_request",
            "Validation failed",
            "The database is not one of this account's.",
            {
              errors: [{ ...fieldError, detail: like(fieldError.detail) }],
            },
          ),
        )
        .executeTest(async (mock) => {
          const error = await rejection(call(adapter(mock.url)));
          expect(error).toBeInstanceOf(ValidationError);
          expect(error).toMatchObject({ status: 400, vendorCode: "invalid_request", requestId: REQUEST_ID });
          expect((error as ValidationError).issues).toEqual([
            { path: "database", message: fieldError.detail, code: fieldError.code },
          ]);
        });
    },
  );

  it("create_database_user: a name taken since the lookup is a ConflictError (409, HostUp's default error response)", async () => {
    const body = { username: "appuser", password: "Vq7mK2xTz9pLw4Rn" };
    // The name was free when looked up; another client took it before the create arrived.
    lookup(account());
    await interaction(
      "a request to create a user whose name is taken",
      { method: "POST", path: USERS_PATH, body },
      account([appuser()]),
    )
      .willRespondWith(
        409,
        problemAnswer(409, "conflict", "Conflict", "A database user named appuser already exists."),
      )
      .executeTest(async (mock) => {
        const error = await rejection(
          adapter(mock.url).create({ name: "appuser", password: "Vq7mK2xTz9pLw4Rn" }),
        );
        expect(error).toBeInstanceOf(ConflictError);
        expect(error).toMatchObject({ code: "conflict", outcome: "not-applied", operation: "create" });
        expect(error.cause).toMatchObject({ status: 409, vendorCode: "conflict", requestId: REQUEST_ID });
      });
  });
});

// Every operation meets each error HostUp documents for it (the texts are its own).
interface Operation {
  id: string;
  request: Exchange;
  /** The state the errors happen in. */
  existing: State;
  /** The state in which the 404 applies: an unknown account (collection routes) or user. */
  notFound: State;
  call: (users: HostUpUsers) => Promise<unknown>;
  /** Whether the call changes something: its errors then say whether it may have happened. */
  mutation: boolean;
  /**
   * create and delete list the users first (`existing`'s, or none for a 404's unknown account): an
   * error that list meets ends the call before its own request.
   */
  looksUp?: boolean;
}

const operations: Operation[] = [
  {
    id: "list_database_users",
    request: { method: "GET", path: USERS_PATH },
    existing: withAppuser,
    notFound: [States.accountMissing, { accountId: ACCOUNT_ID, databases: [], users: [] }],
    call: (users) => users.list(),
    mutation: false,
  },
  {
    id: "create_database_user",
    request: {
      method: "POST",
      path: USERS_PATH,
      body: { username: "appuser", password: "Vq7mK2xTz9pLw4Rn" },
    },
    existing: account(),
    notFound: [States.accountMissing, { accountId: ACCOUNT_ID, databases: [], users: [] }],
    call: (users) => users.create({ name: "appuser", password: "Vq7mK2xTz9pLw4Rn" }),
    mutation: true,
    looksUp: true,
  },
  {
    id: "delete_database_user",
    request: { method: "DELETE", path: userPath(APPUSER_ID) },
    existing: withAppuser,
    // The user found by the lookup is gone by the time the delete arrives.
    notFound: account(),
    call: (users) => users.delete("appuser"),
    mutation: true,
    looksUp: true,
  },
  {
    id: "reset_database_user_password",
    request: {
      method: "PUT",
      path: userPath("appuser", "/password"),
      body: { newPassword: "Hs4nP8qWc2vXe6Zt" },
    },
    existing: withAppuser,
    notFound: account(),
    call: (users) => users.setPassword("appuser", "Hs4nP8qWc2vXe6Zt"),
    mutation: true,
  },
  {
    id: "grant_database_privileges",
    request: {
      method: "POST",
      path: userPath("appuser", "/privileges"),
      body: { database: DATABASE, privileges: ["SELECT"] },
    },
    existing: withAppuser,
    notFound: account(),
    call: (users) => users.grantPrivileges("appuser", DATABASE, ["SELECT"]),
    mutation: true,
  },
  {
    id: "revoke_database_privileges",
    request: {
      method: "DELETE",
      path: userPath("appuser", "/privileges"),
      body: { database: DATABASE, privileges: ["INSERT"] },
    },
    existing: withAppuser,
    notFound: account(),
    call: (users) => users.revokePrivileges("appuser", DATABASE, ["INSERT"]),
    mutation: true,
  },
];

interface DocumentedError {
  status: number;
  code: string;
  title: string;
  detail: string;
  /** What goes wrong, for the interaction's description. */
  because: string;
  error: abstract new (...args: never[]) => DatabaseUsersError;
  states: (operation: Operation) => State[];
  token?: (operation: Operation) => string;
  headers?: Record<string, unknown>;
  /** What the thrown error must carry besides its status and HostUp's code. */
  carries?: Record<string, unknown>;
}

const documentedErrors: DocumentedError[] = [
  {
    status: 401,
    code: "unauthorized",
    title: "Unauthorized",
    detail: "Authentication is required.",
    because: "with a revoked API key",
    error: AuthenticationError,
    states: (operation) => [operation.existing],
    token: () => REVOKED_TOKEN,
  },
  {
    status: 403,
    code: "forbidden",
    title: "Forbidden",
    detail: "The caller lacks a required scope or does not own the resource.",
    because: "with an API key lacking a scope",
    error: PermissionError,
    states: (operation) => [operation.existing],
    // A change with a key that may list but not write: the lookup before create and delete passes.
    token: (operation) => (operation.mutation ? LIST_ONLY_TOKEN : LIMITED_TOKEN),
  },
  {
    status: 404,
    code: "not_found",
    title: "Not found",
    detail: "The requested resource could not be found.",
    because: "for something that does not exist",
    error: NotFoundError,
    states: (operation) => [operation.notFound],
  },
  {
    status: 429,
    // HostUp also answers `rate_limited`: the adapter goes by the status.
    code: "rate_limit_exceeded",
    title: "Too many requests",
    detail: "Too many requests. Retry after the limit resets.",
    because: "beyond the rate limit",
    error: RateLimitError,
    states: (operation) => [operation.existing, [States.rateLimitExhausted, { operationId: operation.id }]],
    headers: {
      "Retry-After": regex("^\\d+$", "30"),
      "X-RateLimit-Limit": regex("^\\d+$", "120"),
      "X-RateLimit-Remaining": regex("^\\d+$", "0"),
      "X-RateLimit-Reset": regex(ISO_8601, "2026-04-27T12:35:26.000Z"),
    },
    carries: { retryAfterMs: 30_000 },
  },
  {
    status: 500,
    code: "internal_error",
    title: "Internal server error",
    detail: "An unexpected error occurred. Retry later or contact support if the issue persists.",
    because: "while HostUp fails",
    error: UnavailableError,
    states: (operation) => [operation.existing, [States.serverError, { operationId: operation.id }]],
    carries: { requestId: REQUEST_ID },
  },
];

describe.each(operations)("HostUp database users: errors of $id", (operation) => {
  it.each(documentedErrors)("$status $code is a $error.name", async (documented) => {
    const { status, code, title, detail, headers, carries } = documented;
    const token = documented.token?.(operation);
    const states = documented.states(operation);
    // An unknown account, or a key that may not list, is met by the lookup: nothing else is sent.
    const atLookup =
      operation.looksUp && (status === 401 || (status === 404 && operation.id !== "delete_database_user"));
    if (operation.looksUp && !atLookup) {
      // Answered as the user's existing state has it; after a 500 the same lookup finds out what the
      // request did (nothing: the state is unchanged).
      lookup(operation.existing, token);
    }
    const request: Exchange = atLookup ? { method: "GET", path: USERS_PATH } : operation.request;
    const description = atLookup ? `the lookup before ${operation.id}` : operation.id;
    await interaction(`${description} ${documented.because}`, { ...request, token }, ...states)
      .willRespondWith(status, problemAnswer(status, code, title, detail, {}, headers))
      .executeTest(async (mock) => {
        const error = await rejection(operation.call(adapter(mock.url, token)));
        expect(error).toBeInstanceOf(documented.error);
        expect(error).toMatchObject({ status, vendorCode: code, ...carries });
        if (token) expect(error.message).not.toContain(token);
        // A refusal proves nothing was done; a 500 does not.
        if (operation.mutation) expect(error.outcome).toBe(status === 500 ? "unknown" : "not-applied");
      });
  });
});
