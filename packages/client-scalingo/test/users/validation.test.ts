// Input the adapter can judge on its own is refused before anything is sent, with a ValidationError
// naming the rule: the recording fetch must see no request, and the simulator must handle none.
import {
  type Capabilities,
  type DatabaseUsersError,
  Secret,
  UnsupportedOperationError,
  ValidationError,
} from "@dbusers/core";
import { describe, expect, it } from "vitest";
import { createScalingoUsers, type ScalingoUsersOptions } from "../../src/index.ts";
import { adapterFor, DEFAULT_TOKEN, recordingFetch, rejectionOf, startTestSimulator } from "./harness.ts";

const { sim, handled } = await startTestSimulator();
const database = sim.scalingo.addDatabase();

/** The issues of the ValidationError `call` throws or rejects with; fails if there is none. */
async function issuesOf(call: () => unknown): Promise<ValidationError["issues"]> {
  let error: unknown;
  try {
    await call();
  } catch (caught) {
    error = caught;
  }
  expect(error).toBeInstanceOf(ValidationError);
  expect((error as DatabaseUsersError).status).toBeUndefined();
  return (error as ValidationError).issues;
}

describe("Scalingo adapter: the rules for new user names", () => {
  it.each([
    ["5 characters", "abcde", ["must have between 6 and 32 characters"]],
    ["33 characters", "a".repeat(33), ["must have between 6 and 32 characters"]],
    ["an upper-case letter", "Reporting", ["must contain only lower-case letters, digits and hyphens"]],
    [
      "an underscore (the CLI's example my_user)",
      "my_user",
      ["must contain only lower-case letters, digits and hyphens"],
    ],
    ["a dot", "report.ing", ["must contain only lower-case letters, digits and hyphens"]],
    ["a leading hyphen", "-reporting", ["must not start or end with a hyphen"]],
    ["a trailing hyphen", "reporting-", ["must not start or end with a hyphen"]],
    ["two hyphens in a row", "report--ing", ["must not contain two hyphens in a row"]],
    [
      "several rules broken at once",
      "-A-",
      [
        "must have between 6 and 32 characters",
        "must contain only lower-case letters, digits and hyphens",
        "must not start or end with a hyphen",
      ],
    ],
    ["an empty name", "", ["must be a non-empty string"]],
  ])("a name with %s is refused by create, naming each rule, nothing sent", async (_, name, messages) => {
    const { users, requests } = adapterFor(sim, database);
    const issues = await issuesOf(() => users.create({ name }));
    expect(issues).toEqual(messages.map((message) => ({ path: "name", message })));
    expect(requests).toHaveLength(0);
    expect(handled).toHaveLength(0);
  });

  it.each(["abcdef", "a".repeat(32), "my-app-2-reader", "2024-reports"])(
    "%s is a valid new name",
    async (name) => {
      const { users } = adapterFor(sim, database);
      expect((await users.create({ name })).user.name).toBe(name);
    },
  );

  it("the message names the rule and the field, for logs", async () => {
    const { users } = adapterFor(sim, database);
    const error = await rejectionOf(users.create({ name: "report--ing" }));
    expect((error as Error).message).toBe(
      "scalingo: invalid input: name must not contain two hyphens in a row",
    );
  });
});

describe("Scalingo adapter: the rules for passwords", () => {
  const tooShort = "x".repeat(23);
  const tooLong = "x".repeat(65);
  const rule = [{ path: "password", message: "must be between 24 and 64 characters long" }];

  it.each([
    ["23 characters", tooShort],
    ["65 characters", tooLong],
    ["a Secret of 23 characters", new Secret(tooShort)],
    ["an empty one", ""],
  ])("a password of %s is refused by create and setPassword, nothing sent", async (_, password) => {
    const { users, requests } = adapterFor(sim, database);
    expect(await issuesOf(() => users.create({ name: "reporting", password }))).toEqual(rule);
    expect(await issuesOf(() => users.setPassword(database.name, password))).toEqual(rule);
    expect(requests).toHaveLength(0);
  });

  it("counts characters, not bytes or UTF-16 units: 24 emoji are 24 characters", async () => {
    const { users } = adapterFor(sim, database);
    sim.scalingo.addUser(database.id, { name: "emoji-user" });
    await users.setPassword("emoji-user", "🔑".repeat(24));
    expect(sim.scalingo.getUser(database.id, "emoji-user")?.password).toBe("🔑".repeat(24));
  });

  it("a password that is not a string is refused, and never printed", async () => {
    const { users } = adapterFor(sim, database);
    const issues = await issuesOf(() => users.setPassword(database.name, 42 as unknown as string));
    expect(issues).toEqual([{ path: "password", message: "must be a string or a Secret" }]);
    const error = await rejectionOf(users.create({ name: "reporting", password: "hunter2-is-too-short" }));
    expect((error as Error).message).not.toContain("hunter2");
  });
});

describe("Scalingo adapter: names of existing users", () => {
  it.each([
    ["", "must be a non-empty string"],
    ["a/b", "must not contain '/' or '\\'"],
    ["..", "must not be '.' or '..'"],
  ])("%j is refused by get, setPassword, resetPassword and delete, nothing sent", async (name, message) => {
    const { users, requests } = adapterFor(sim, database);
    for (const call of [
      () => users.get(name),
      () => users.setPassword(name, "Chosen-password-0123456789"),
      () => users.resetPassword(name),
      () => users.delete(name),
    ]) {
      expect(await issuesOf(call)).toEqual([{ path: "name", message }]);
    }
    expect(requests).toHaveLength(0);
  });
});

describe("Scalingo adapter: other input", () => {
  it("`databases` is unsupported (a user reaches the whole database), refused before sending", async () => {
    const { users, requests } = adapterFor(sim, database);
    const error = await rejectionOf(users.create({ name: "reporting", databases: ["app"] }));
    expect(error).toBeInstanceOf(UnsupportedOperationError);
    expect(requests).toHaveLength(0);
  });

  it.each(["yes", "true", "false", 1, null])(
    "a readOnly of %j (untyped caller) is refused, nothing sent",
    async (readOnly) => {
      const { users, requests } = adapterFor(sim, database);
      const issues = await issuesOf(() =>
        users.create({ name: "reporting", readOnly: readOnly as unknown as boolean }),
      );
      expect(issues).toEqual([{ path: "readOnly", message: "must be a boolean" }]);
      expect(requests).toHaveLength(0);
      expect(sim.scalingo.getUser(database.id, "reporting")).toBeUndefined();
    },
  );

  it("capabilities say what Scalingo does, get by listing", () => {
    const { users } = adapterFor(sim, database);
    const expected: Capabilities = {
      get: true,
      setPassword: true,
      readOnly: true,
      databases: false,
      privileges: false,
      asyncOperations: false,
      notes: { get: "by listing: Scalingo has no operation that reads one user" },
    };
    expect(users.capabilities).toEqual(expected);
    expect(Object.isFrozen(users.capabilities)).toBe(true);
    expect(users.provider).toBe("scalingo");
    expect(users.databaseId).toBe(database.id);
  });
});

describe("Scalingo adapter: options, checked when the adapter is created", () => {
  const apiTokenOptions = { apiToken: DEFAULT_TOKEN, appId: "my-app", addonId: database.id };
  const TOKEN_FLOW_ONLY = "goes with apiToken (the token flow); a Database API token needs only dbApiUrl";

  it.each<[string, unknown, Array<{ path: string; message: string }>]>([
    [
      "no credential",
      { appId: "my-app", addonId: database.id },
      [{ path: "apiToken", message: "is required (or token, a Database API token, with dbApiUrl)" }],
    ],
    [
      "both kinds of credential",
      { ...apiTokenOptions, token: "t" },
      [{ path: "token", message: "must not be given with apiToken: give one kind of credential" }],
    ],
    [
      "an empty API token",
      { ...apiTokenOptions, apiToken: "" },
      [{ path: "apiToken", message: "must be a non-empty string" }],
    ],
    [
      "no app",
      { ...apiTokenOptions, appId: undefined },
      [{ path: "appId", message: "must be a non-empty string" }],
    ],
    [
      "an addon id with a slash",
      { ...apiTokenOptions, addonId: "ad/1" },
      [{ path: "addonId", message: "must not contain '/' or '\\'" }],
    ],
    [
      "an unknown region",
      { ...apiTokenOptions, region: "us-east-1" },
      [
        {
          path: "region",
          message: "must be one of osc-fr1, osc-secnum-fr1 (for another, give apiUrl and dbApiUrl)",
        },
      ],
    ],
    [
      "an unknown routing",
      { ...apiTokenOptions, routing: "direct" },
      [{ path: "routing", message: "must be one of db-api, api" }],
    ],
    [
      "a URL of another scheme",
      { ...apiTokenOptions, dbApiUrl: "ftp://db-api.example" },
      [{ path: "dbApiUrl", message: "must be an http(s) URL or a host name" }],
    ],
    [
      "a Database API token without its URL",
      { token: "t", databaseId: database.id },
      [{ path: "dbApiUrl", message: "must be an http(s) URL or a host name" }],
    ],
    [
      "a Database API token without the database",
      { token: "t", dbApiUrl: "db-api.osc-fr1.scalingo.com" },
      [{ path: "databaseId", message: "must be a non-empty string" }],
    ],
    [
      "a Database API token with the region of the token flow (it would choose no host)",
      { token: "t", dbApiUrl: "db-api.osc-fr1.scalingo.com", databaseId: database.id, region: "nowhere" },
      [{ path: "region", message: TOKEN_FLOW_ONLY }],
    ],
    [
      "a Database API token with the app and the addon of the token flow",
      {
        token: "t",
        dbApiUrl: "db-api.osc-fr1.scalingo.com",
        databaseId: database.id,
        appId: "my-app",
        addonId: database.id,
      },
      [
        { path: "appId", message: TOKEN_FLOW_ONLY },
        { path: "addonId", message: TOKEN_FLOW_ONLY },
      ],
    ],
    [
      "a Database API token with the token flow's URLs and routing",
      {
        token: "t",
        dbApiUrl: "db-api.osc-fr1.scalingo.com",
        databaseId: database.id,
        authUrl: "https://auth.scalingo.com",
        apiUrl: "https://api.osc-fr1.scalingo.com",
        routing: "api",
      },
      [
        { path: "routing", message: TOKEN_FLOW_ONLY },
        { path: "authUrl", message: TOKEN_FLOW_ONLY },
        { path: "apiUrl", message: TOKEN_FLOW_ONLY },
      ],
    ],
    [
      "an API token with a databaseId (the database is the addon)",
      { ...apiTokenOptions, databaseId: database.id },
      [{ path: "databaseId", message: "goes with token; with apiToken, the database is addonId" }],
    ],
    [
      "an API token with a bad URL that baseUrl overrides",
      { ...apiTokenOptions, baseUrl: "http://127.0.0.1:4010/scalingo", apiUrl: "ftp://api.example" },
      [{ path: "apiUrl", message: "must be an http(s) URL or a host name" }],
    ],
    [
      "a Database API token with a bad dbApiUrl that baseUrl overrides",
      { token: "t", databaseId: database.id, baseUrl: "http://127.0.0.1:4010/scalingo", dbApiUrl: 5 },
      [{ path: "dbApiUrl", message: "must be an http(s) URL or a host name" }],
    ],
    [
      "no options at all",
      undefined,
      [{ path: "apiToken", message: "is required (or token, a Database API token, with dbApiUrl)" }],
    ],
  ])("%s is a ValidationError", async (_, options, issues) => {
    const { fetch, requests } = recordingFetch();
    const given = options === undefined ? undefined : { ...(options as object), fetch };
    expect(await issuesOf(() => createScalingoUsers(given as ScalingoUsersOptions))).toEqual(issues);
    expect(requests).toHaveLength(0);
  });
});
