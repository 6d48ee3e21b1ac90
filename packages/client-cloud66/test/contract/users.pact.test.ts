// Consumer contract of the Cloud66 adapter: every operation's success, the action endpoint in each of
// its states, page 2 of a list, and the documented errors, driven through the real adapter against the
// Pact mock server. `pnpm contract` then checks the pact file against specs/cloud66.yaml and replays it
// against the simulator.
import {
  AuthenticationError,
  type DatabaseUsersError,
  NotFoundError,
  OperationFailedError,
  PermissionError,
  RateLimitError,
  ValidationError,
} from "@dbusers/core";
import { Matchers } from "@pact-foundation/pact";
import { describe, expect, it } from "vitest";
import type { Cloud66Users } from "../../src/index.ts";
import {
  type ActionState,
  actionBody,
  actionPath,
  actionStates,
  adapter,
  errorBody,
  type Given,
  interaction,
  JSON_CONTENT,
  listedUser,
  listRequest,
  type Request,
  USERS_PATH,
  userPage,
  userPath,
} from "./interactions.ts";
import { cloud66Pact } from "./pact.ts";
import {
  type ActionStateParams,
  ADMIN_ONLY_TOKEN,
  APP_USER,
  CONTRACT_TOKEN,
  type GroupStateParams,
  group,
  numberedUsers,
  PUBLIC_TOKEN,
  REVOKED_TOKEN,
  States,
} from "./states.ts";

const pact = cloud66Pact();
const REPORTING = { uid: "user_def456", username: "reporting" };
const PASSWORD = "Zk8qT3vR9xLw2mNp";

/** Registers `description` answering `status` with `body` (JSON) in `states`, sent with `token`. */
function respond(
  description: string,
  request: Request,
  states: Given[],
  status: number,
  body: unknown,
  token = CONTRACT_TOKEN,
) {
  return interaction(pact, description, request, states, token).willRespondWith(status, (b) => {
    b.headers({ "Content-Type": JSON_CONTENT });
    b.jsonBody(body);
  });
}

/**
 * The page-1 lookup by name every mutation makes first: it proves a create's name free, and resolves
 * the name of regenerate_password and delete to its uid (with the contract's token, or the public-only
 * one of the 403 cases). Registered in its own provider state: the group exists with `users`.
 */
function lookup(users: Array<{ uid: string; username: string }>, token = CONTRACT_TOKEN) {
  const names = users.length > 0 ? users.map((user) => user.username).join(", ") : "no users";
  respond(
    `a lookup by name among ${names}${token === CONTRACT_TOKEN ? "" : " with a public token"}`,
    listRequest(),
    [[States.groupExists, group(users)]],
    200,
    userPage(
      users.map((user) => listedUser(user)),
      // An empty list has no pages.
      { current: 1, pages: users.length > 0 ? 1 : 0, count: users.length },
    ),
    token,
  );
}

describe("Cloud66 database users: database_users_list", () => {
  it("lists the users of a one-page list, mapped to DatabaseUser with their uid as id", async () => {
    const users = [APP_USER, REPORTING];
    await respond(
      "a request for page 1 of the users",
      listRequest(),
      [[States.groupExists, group(users)]],
      200,
      userPage(
        users.map((user) => listedUser(user)),
        { current: 1, pages: 1, count: 2 },
      ),
    ).executeTest(async (mock) => {
      const listed = await adapter(mock.url).list();
      expect(listed.map((user) => [user.id, user.name])).toEqual([
        [APP_USER.uid, APP_USER.username],
        [REPORTING.uid, REPORTING.username],
      ]);
      expect(listed[0]).toMatchObject({ provider: "cloud66", role: "application", readOnly: false });
    });
  });

  it("follows a list to page 2, which names the previous page `prev` (the Pagination model)", async () => {
    const users = numberedUsers(31);
    const states: Given[] = [[States.groupExists, group(users, "prev")]];
    respond(
      "a request for page 1 of 2",
      listRequest(),
      states,
      200,
      // Thirty distinct users: the adapter yields a user listed twice once.
      userPage(
        users.slice(0, 30).map((user) => listedUser(user)),
        {
          current: 1,
          pages: 2,
          count: 31,
          previousKey: "prev",
        },
      ),
    );
    await respond(
      "a request for page 2 of 2",
      { method: "GET", path: USERS_PATH, query: { page: "2" } },
      states,
      200,
      userPage([listedUser(users[30] ?? APP_USER)], { current: 2, pages: 2, count: 31, previousKey: "prev" }),
    ).executeTest(async (mock) => {
      const listed = await adapter(mock.url).list();
      expect(listed).toHaveLength(31);
      expect(listed.at(-1)?.name).toBe("user_31");
    });
  });
});

/** The three mutations of the contract: the request, its provider states, and the action it starts. */
const MUTATIONS = {
  create: {
    request: { method: "POST", path: USERS_PATH, body: { username: "reporting" } },
    states: [[States.groupExists, group()]],
    action: { actionId: 789, action: "database_user_create", resourceId: null },
  },
  regenerate: {
    request: { method: "POST", path: `${userPath(APP_USER.uid)}/regenerate_password` },
    states: [[States.groupExists, group([APP_USER])]],
    action: { actionId: 790, action: "database_user_password_change", resourceId: APP_USER.uid },
  },
  delete: {
    request: { method: "DELETE", path: userPath(APP_USER.uid) },
    states: [[States.groupExists, group([APP_USER])]],
    action: { actionId: 791, action: "database_user_delete", resourceId: APP_USER.uid },
  },
} satisfies Record<
  string,
  { request: Request; states: Given[]; action: Omit<ActionStateParams, "stackId" | "state"> }
>;
type Mutation = keyof typeof MUTATIONS;

/** `mutation` answered 200 with its action, queued; `body` replaces the request's body. */
function queued(mutation: Mutation, description: string, body?: Record<string, unknown>) {
  const { request, states, action } = MUTATIONS[mutation];
  return respond(
    description,
    body ? { ...request, body } : request,
    states,
    200,
    actionBody({ ...action, state: "queued" }),
  );
}

/** A poll of `mutation`'s action, found in `state` (in a group holding `users`). */
function polled(
  mutation: Mutation,
  state: ActionState,
  users: GroupStateParams["users"] = [],
  message?: string,
) {
  const params = { ...MUTATIONS[mutation].action, state, ...(message === undefined ? {} : { message }) };
  const path = actionPath(params.actionId);
  return respond(
    `a request for a ${mutation} action that is ${state}`,
    { method: "GET", path },
    actionStates(params, users),
    200,
    actionBody(params),
  );
}

describe("Cloud66 database users: mutations with { wait: false }", () => {
  it("database_users_create queues a creation and answers 200 with the queued action", async () => {
    const body = { username: "reporting", user_type: "readonly" };
    lookup([]);
    await queued("create", "a request to create a read-only database user", body).executeTest(
      async (mock) => {
        const operation = await adapter(mock.url).create(
          { name: "reporting", readOnly: true },
          { wait: false },
        );
        expect(operation).toMatchObject({ provider: "cloud66", id: "789" });
        expect(operation.action).toMatchObject({ finished_at: null, resource_id: null });
      },
    );
  });

  it("database_users_regenerate_password takes the uid and answers 200 with the queued action", async () => {
    lookup([APP_USER]);
    await queued("regenerate", "a request to regenerate the password of app_user").executeTest(
      async (mock) => {
        const operation = await adapter(mock.url).resetPassword(APP_USER.username, { wait: false });
        expect(operation.action).toMatchObject({ id: 790, resource_id: APP_USER.uid });
      },
    );
  });

  it("database_users_delete takes the uid and answers 200 (not 204) with the queued action", async () => {
    lookup([APP_USER]);
    await queued("delete", "a request to delete app_user").executeTest(async (mock) => {
      const operation = await adapter(mock.url).delete(APP_USER.username, { wait: false });
      expect(operation.id).toBe("791");
    });
  });
});

describe("Cloud66 database users: stack_actions_get and waiting for an action", () => {
  it.each(["queued", "running"] as const)("reads an action that is %s: not finished", async (state) => {
    await polled("create", state).executeTest(async (mock) => {
      const action = await adapter(mock.url).getAction(789);
      expect(action).toMatchObject({ id: 789, finished_at: null, finished_success: null });
      expect(action.started_at === null).toBe(state === "queued");
    });
  });

  it("create waits for a succeeded action, then reads the user and its password with show_password", async () => {
    lookup([]);
    queued("create", "a request to create database user reporting");
    polled("create", "succeeded", [REPORTING]);
    await respond(
      "a request for page 1 of the users with their passwords",
      listRequest(true),
      [[States.groupExists, group([REPORTING])]],
      200,
      userPage([listedUser(REPORTING, PASSWORD)], { current: 1, pages: 1, count: 1 }),
    ).executeTest(async (mock) => {
      const { user, password } = await adapter(mock.url).create({ name: "reporting" });
      expect(user).toMatchObject({ id: REPORTING.uid, name: "reporting" });
      expect(password.reveal()).toBe(PASSWORD);
      expect(JSON.stringify(user)).not.toContain(PASSWORD);
    });
  });

  it("create surfaces a failed action as an OperationFailedError with its finished_message", async () => {
    lookup([]);
    queued("create", "a request to create database user reporting");
    await polled("create", "failed", [], "Unable to connect to the database server").executeTest(
      async (mock) => {
        const error = await rejection(adapter(mock.url).create({ name: "reporting" }));
        expect(error).toBeInstanceOf(OperationFailedError);
        expect(error.message).toBe(
          'cloud66: creation of database user "reporting" (action 789) failed: Unable to connect to the database server',
        );
      },
    );
  });

  it("delete resolves once its action has succeeded", async () => {
    lookup([APP_USER]);
    queued("delete", "a request to delete app_user");
    await polled("delete", "succeeded").executeTest(async (mock) => {
      await expect(adapter(mock.url).delete(APP_USER.username)).resolves.toBeUndefined();
    });
  });
});

async function rejection(promise: Promise<unknown>): Promise<DatabaseUsersError> {
  return promise.then(
    () => expect.fail("expected the call to be rejected"),
    (error: DatabaseUsersError) => error,
  );
}

// The documented errors, each with the class the adapter turns it into. Every mutation looks its name
// up first, and records that lookup too, in a state where it passes: each interaction is verified in its
// own provider state, so the POST of a group without databases follows a lookup in a group with them.
// A create with a revoked token cannot be recorded: its lookup is refused first (list's 401 case).
interface ErrorCase {
  operation: string;
  status: number;
  description: string;
  request: Request;
  states: Given[];
  body: unknown;
  token?: string;
  /** The users the lookup before a mutation finds. */
  lookup?: Array<{ uid: string; username: string }>;
  call: (users: Cloud66Users) => Promise<unknown>;
  expected: new (...args: never[]) => DatabaseUsersError;
  vendorCode: string;
}

const list = (users: Cloud66Users) => users.list();
const create = (name: string) => (users: Cloud66Users) => users.create({ name });
const regenerate = (users: Cloud66Users) => users.resetPassword(APP_USER.username);
const remove = (users: Cloud66Users) => users.delete(APP_USER.username);
const getAction = (users: Cloud66Users) => users.getAction(789);
const CREATE: Request = MUTATIONS.create.request;
const REGENERATE: Request = MUTATIONS.regenerate.request;
const DELETE: Request = MUTATIONS.delete.request;
const ACTION: Request = { method: "GET", path: actionPath(789) };
const withUser: Given[] = [[States.groupExists, group([APP_USER])]];
const noDatabases: Given[] = [[States.groupWithoutDatabases, group()]];
const noStack: Given[] = [[States.stackMissing]];
const throttled: Given[] = [[States.groupExists, group([APP_USER])], [States.throttled]];
const THROTTLED = errorBody("throttled", "Rate limit exceeded. Retry in the next hourly interval.");
const NO_DATABASES = errorBody("bad_request", "Server group does not support database operations");
const UNAUTHENTICATED = errorBody("unauthenticated", "Authentication failed or missing OAuth token");
const FORBIDDEN = errorBody("forbidden", "OAuth token lacks the required scope");

const errorCases: ErrorCase[] = [
  {
    operation: "database_users_list",
    status: 400,
    description: "a server group without databases",
    request: listRequest(),
    states: noDatabases,
    body: NO_DATABASES,
    call: list,
    expected: ValidationError,
    vendorCode: "bad_request",
  },
  {
    operation: "database_users_list",
    status: 401,
    description: "a revoked token",
    request: listRequest(),
    states: withUser,
    body: UNAUTHENTICATED,
    token: REVOKED_TOKEN,
    call: list,
    expected: AuthenticationError,
    vendorCode: "unauthenticated",
  },
  {
    operation: "database_users_list",
    status: 403,
    description: "a token without the public scope",
    request: listRequest(),
    states: withUser,
    body: FORBIDDEN,
    token: ADMIN_ONLY_TOKEN,
    call: list,
    expected: PermissionError,
    vendorCode: "forbidden",
  },
  {
    operation: "database_users_list",
    status: 404,
    description: "a stack that does not exist",
    request: listRequest(),
    states: noStack,
    body: errorBody("not_found", "Stack not found"),
    call: list,
    expected: NotFoundError,
    vendorCode: "not_found",
  },
  {
    operation: "database_users_list",
    status: 503,
    description: "a spent rate limit",
    request: listRequest(),
    states: throttled,
    body: THROTTLED,
    call: list,
    expected: RateLimitError,
    vendorCode: "throttled",
  },
  {
    operation: "database_users_create",
    status: 400,
    description: "a name Cloud66 refuses",
    request: { ...CREATE, body: { username: "new app user" } },
    states: withUser,
    body: {
      ...errorBody("bad_request", "Invalid username"),
      details: Matchers.like("Username 'new app user' contains characters that are not allowed"),
    },
    lookup: [APP_USER],
    call: create("new app user"),
    expected: ValidationError,
    vendorCode: "bad_request",
  },
  {
    operation: "database_users_create",
    status: 400,
    description: "a server group without databases",
    request: CREATE,
    states: noDatabases,
    body: NO_DATABASES,
    lookup: [],
    call: create("reporting"),
    expected: ValidationError,
    vendorCode: "bad_request",
  },
  {
    operation: "database_users_create",
    status: 403,
    description: "a token without the admin scope",
    request: CREATE,
    states: withUser,
    body: FORBIDDEN,
    token: PUBLIC_TOKEN,
    lookup: [APP_USER],
    call: create("reporting"),
    expected: PermissionError,
    vendorCode: "forbidden",
  },
  {
    operation: "database_users_create",
    status: 404,
    description: "a server group that does not exist",
    request: CREATE,
    states: noStack,
    body: errorBody("not_found", "Stack not found"),
    lookup: [],
    call: create("reporting"),
    expected: NotFoundError,
    vendorCode: "not_found",
  },
  {
    operation: "database_users_create",
    status: 503,
    description: "a spent rate limit",
    request: CREATE,
    states: throttled,
    body: THROTTLED,
    lookup: [APP_USER],
    call: create("reporting"),
    expected: RateLimitError,
    vendorCode: "throttled",
  },
  {
    operation: "database_users_regenerate_password",
    status: 403,
    description: "a token without the admin scope",
    request: REGENERATE,
    states: withUser,
    body: FORBIDDEN,
    token: PUBLIC_TOKEN,
    lookup: [APP_USER],
    call: regenerate,
    expected: PermissionError,
    vendorCode: "forbidden",
  },
  {
    operation: "database_users_regenerate_password",
    status: 404,
    description: "a user deleted since the lookup",
    request: REGENERATE,
    states: [[States.groupExists, group()]],
    body: errorBody("not_found", "Database user not found"),
    lookup: [APP_USER],
    call: regenerate,
    expected: NotFoundError,
    vendorCode: "not_found",
  },
  {
    operation: "database_users_regenerate_password",
    status: 503,
    description: "a spent rate limit",
    request: REGENERATE,
    states: throttled,
    body: THROTTLED,
    lookup: [APP_USER],
    call: regenerate,
    expected: RateLimitError,
    vendorCode: "throttled",
  },
  {
    operation: "database_users_delete",
    status: 403,
    description: "a token without the admin scope",
    request: DELETE,
    states: withUser,
    body: FORBIDDEN,
    token: PUBLIC_TOKEN,
    lookup: [APP_USER],
    call: remove,
    expected: PermissionError,
    vendorCode: "forbidden",
  },
  {
    operation: "database_users_delete",
    status: 404,
    description: "a user deleted since the lookup",
    request: DELETE,
    states: [[States.groupExists, group()]],
    body: errorBody("not_found", "Database user not found"),
    lookup: [APP_USER],
    call: remove,
    expected: NotFoundError,
    vendorCode: "not_found",
  },
  {
    operation: "database_users_delete",
    status: 503,
    description: "a spent rate limit",
    request: DELETE,
    states: throttled,
    body: THROTTLED,
    lookup: [APP_USER],
    call: remove,
    expected: RateLimitError,
    vendorCode: "throttled",
  },
  {
    operation: "stack_actions_get",
    status: 401,
    description: "a revoked token",
    request: ACTION,
    states: withUser,
    body: UNAUTHENTICATED,
    token: REVOKED_TOKEN,
    call: getAction,
    expected: AuthenticationError,
    vendorCode: "unauthenticated",
  },
  {
    operation: "stack_actions_get",
    status: 404,
    description: "an action that does not exist",
    request: ACTION,
    states: withUser,
    body: errorBody("not_found", "Action not found"),
    call: getAction,
    expected: NotFoundError,
    vendorCode: "not_found",
  },
];

describe.each(errorCases)("Cloud66 database users: $operation answers $status for $description", (c) => {
  it(`is a ${c.expected.name}`, async () => {
    if (c.lookup) lookup(c.lookup, c.token);
    await respond(
      `${c.operation} with ${c.description}`,
      c.request,
      c.states,
      c.status,
      c.body,
      c.token,
    ).executeTest(async (mock) => {
      const error = await rejection(c.call(adapter(mock.url, c.token)));
      expect(error).toBeInstanceOf(c.expected);
      expect(error).toMatchObject({ status: c.status, vendorCode: c.vendorCode, provider: "cloud66" });
      expect(error.message).not.toContain(c.token ?? CONTRACT_TOKEN);
    });
  });
});
