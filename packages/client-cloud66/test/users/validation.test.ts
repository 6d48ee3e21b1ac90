// Input the adapter can judge on its own is refused before anything is sent: the recording fetch must
// see no request at all, and the simulator must handle none.
import { Secret, UnsupportedOperationError, ValidationError } from "@dbusers/core";
import { describe, expect, it } from "vitest";
import { type Cloud66UsersOptions, createCloud66Users } from "../../src/index.ts";
import { adapterFor, addStack, DEFAULT_TOKEN, rejectionOf, startTestSimulator } from "./harness.ts";

const { sim, handled } = await startTestSimulator();
const stack = addStack(sim, ["app_user"]);

function constructionError(options: Partial<Cloud66UsersOptions>): ValidationError {
  try {
    createCloud66Users({
      token: DEFAULT_TOKEN,
      stackId: stack.stackId,
      serverGroupId: stack.groupId,
      ...options,
    });
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return error as ValidationError;
  }
  throw new Error("expected createCloud66Users to throw");
}

describe("Cloud66 adapter: options", () => {
  it.each([
    ["an empty stackId", { stackId: "" }, "stackId", "must be a non-empty string"],
    [
      "a stackId that leaves its path segment",
      { stackId: "../stacks" },
      "stackId",
      "must not contain '/' or '\\'",
    ],
    [
      "a serverGroupId of 0",
      { serverGroupId: 0 },
      "serverGroupId",
      "must be a positive integer or a non-empty string",
    ],
    [
      "a fractional serverGroupId",
      { serverGroupId: 38.17 },
      "serverGroupId",
      "must be a positive integer or a non-empty string",
    ],
    ["a serverGroupId of '..'", { serverGroupId: ".." }, "serverGroupId", "must not be '.' or '..'"],
    ["a pageConcurrency of 0", { pageConcurrency: 0 }, "pageConcurrency", "must be a positive integer"],
    [
      "a wait time limit of 0",
      { wait: { timeoutMs: 0 } },
      "wait.timeoutMs",
      "must be a positive number of milliseconds",
    ],
  ] as const)("%s is a ValidationError when the adapter is created", (_label, options, path, message) => {
    const error = constructionError(options);
    expect(error.issues).toEqual([{ path, message }]);
    expect(error).toMatchObject({ provider: "cloud66", code: "validation_error" });
    expect(error.status).toBeUndefined();
  });

  it.each([false, true, null, "soon"])(
    "an adapter-wide wait of %j is refused, saying what it must be (a boolean is a call's option)",
    (wait) => {
      const error = constructionError({ wait: wait as unknown as Cloud66UsersOptions["wait"] });
      expect(error.issues).toEqual([
        {
          path: "wait",
          message: "must be an object of wait options (timeoutMs, minDelayMs, maxDelayMs)",
        },
      ]);
      expect(error.message).not.toMatch(/boolean/);
    },
  );

  it("a numeric serverGroupId goes into the path as its digits", () => {
    const { users } = adapterFor(sim, { stackId: stack.stackId, groupId: 3817 });
    expect(users.serverGroupId).toBe("3817");
    expect(users.stackId).toBe(stack.stackId);
  });

  it("missing ids (an untyped caller) and an empty token are refused too", () => {
    const untyped = { token: DEFAULT_TOKEN } as unknown as Cloud66UsersOptions;
    expect(() => createCloud66Users(untyped)).toThrow(ValidationError);
    const ids = { stackId: stack.stackId, serverGroupId: stack.groupId };
    expect(() => createCloud66Users({ token: "", ...ids })).toThrow(/token/);
    expect(() => createCloud66Users({ token: new Secret(" "), ...ids })).toThrow(/token/);
  });
});

describe("Cloud66 adapter: create input", () => {
  it.each([
    [
      "a userType that contradicts readOnly",
      { name: "x", readOnly: true, userType: "application" },
      "userType",
    ],
    [
      "readOnly: false with userType readonly",
      { name: "x", readOnly: false, userType: "readonly" },
      "userType",
    ],
    ["readOnly: 'true', a string", { name: "x", readOnly: "true" }, "readOnly"],
    ["readOnly: 'false', a string", { name: "x", readOnly: "false" }, "readOnly"],
    ["readOnly: 1", { name: "x", readOnly: 1 }, "readOnly"],
    ["readOnly: 'yes'", { name: "x", readOnly: "yes" }, "readOnly"],
    ["readOnly: null", { name: "x", readOnly: null }, "readOnly"],
    ["an empty userType", { name: "x", userType: "" }, "userType"],
    ["databases that are not a list", { name: "x", databases: "db_abc123" }, "databases"],
    ["an empty database UID", { name: "x", databases: ["db_abc123", ""] }, "databases.1"],
  ])("%s is a ValidationError, nothing sent", async (_label, input, path) => {
    const { users, requests } = adapterFor(sim, stack);
    const error = await rejectionOf(users.create(input as unknown as { name: string }));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues?.map((issue) => issue.path)).toEqual([path]);
    expect(requests).toHaveLength(0);
    expect(handled).toHaveLength(0);
  });

  it("readOnly with userType readonly says the same thing twice, and is accepted", async () => {
    const { users, requests } = adapterFor(sim, addStack(sim));
    await users.create({ name: "reader", readOnly: true, userType: "readonly" });
    const [post] = requests.filter((request) => request.method === "POST");
    expect(JSON.parse(post?.body ?? "")).toEqual({ username: "reader", user_type: "readonly" });
  });

  it("readOnly: false with userType application agrees, and is accepted", async () => {
    const { users, requests } = adapterFor(sim, addStack(sim));
    const { user } = await users.create({ name: "writer", readOnly: false, userType: "application" });
    const [post] = requests.filter((request) => request.method === "POST");
    expect(JSON.parse(post?.body ?? "")).toEqual({ username: "writer", user_type: "application" });
    expect(user.readOnly).toBe(false);
  });
});

describe("Cloud66 adapter: what Cloud66 cannot do", () => {
  it("capabilities say so, with notes on how the others are done", () => {
    const { users } = adapterFor(sim, stack);
    const { notes, ...flags } = users.capabilities;
    const supported = Object.entries(flags).filter(([, value]) => value === true);
    const unsupported = Object.entries(flags).filter(([, value]) => value === false);
    expect(supported.map(([flag]) => flag).sort()).toEqual([
      "asyncOperations",
      "databases",
      "get",
      "readOnly",
    ]);
    expect(unsupported.map(([flag]) => flag).sort()).toEqual(["privileges", "setPassword"]);
    // Every supported flag says how Cloud66 does it.
    expect(Object.keys(notes ?? {}).sort()).toEqual(supported.map(([flag]) => flag).sort());
    expect(notes?.get).toMatch(/listing/);
    expect(notes?.readOnly).toMatch(/user_type readonly/);
    expect(notes?.asyncOperations).toMatch(/\{ wait: false \}/);
    expect(Object.isFrozen(notes)).toBe(true);
  });

  it.each([
    ["a string", "Chosen-Passw0rd"],
    ["a Secret", new Secret("Chosen-Passw0rd")],
  ])(
    "create with a password (%s) is an UnsupportedOperationError, nothing sent",
    async (_label, password) => {
      const { users, requests } = adapterFor(sim, stack);
      const error = await rejectionOf(users.create({ name: "x", password }));
      expect(error).toBeInstanceOf(UnsupportedOperationError);
      expect((error as Error).message).toMatch(/Cloud 66 generates one/);
      expect(error).toMatchObject({ operation: "create", outcome: "not-applied" });
      expect(requests).toHaveLength(0);
    },
  );

  it("setPassword is an UnsupportedOperationError of a mutation not applied, nothing sent", async () => {
    const { users, requests } = adapterFor(sim, stack);
    const error = await rejectionOf(users.setPassword("app_user", "Chosen-Passw0rd"));
    expect(error).toBeInstanceOf(UnsupportedOperationError);
    expect(error).toMatchObject({ operation: "setPassword", outcome: "not-applied" });
    expect(requests).toHaveLength(0);
  });

  it("getAction refuses an id that is not an action id, nothing sent", async () => {
    const { users, requests } = adapterFor(sim, stack);
    for (const id of [0, -1, 1.5, Number.NaN, "789", 2 ** 60, Number.MAX_SAFE_INTEGER + 1, Infinity]) {
      const error = await rejectionOf(users.getAction(id as number));
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues).toEqual([
        { path: "id", message: "must be a positive integer (an action id)" },
      ]);
    }
    expect(requests).toHaveLength(0);
  });
});
