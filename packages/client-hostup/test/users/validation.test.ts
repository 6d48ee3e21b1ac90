// Input the adapter can judge on its own is refused before anything is sent: the recording fetch must
// see no request at all, and the simulator must handle none.
import { Secret, UnsupportedOperationError, ValidationError } from "@dbusers/core";
import { describe, expect, it } from "vitest";
import { createHostUpUsers, type HostUpPrivilege } from "../../src/index.ts";
import { adapterFor, DEFAULT_TOKEN, rejectionOf, startTestSimulator } from "./harness.ts";

const { sim, handled } = await startTestSimulator();
const account = sim.hostup.addAccount({ databases: ["abcde_shop"], users: [{ username: "example-user" }] });

/** The adapter's ValidationError for `call`, after checking that nothing was sent. */
async function refusedBeforeSending(
  call: (users: ReturnType<typeof adapterFor>["users"]) => Promise<unknown>,
) {
  const { users, requests } = adapterFor(sim, account.id);
  const error = await rejectionOf(call(users));
  expect(requests).toHaveLength(0);
  expect(handled).toHaveLength(0);
  expect(error).toBeInstanceOf(ValidationError);
  expect((error as ValidationError).status).toBeUndefined();
  return error as ValidationError;
}

describe("HostUp adapter: accountId and token", () => {
  it.each(["", "acct/../x", "..", 42])("accountId %j is refused when the adapter is created", (accountId) => {
    const create = () =>
      createHostUpUsers({ token: DEFAULT_TOKEN, accountId: accountId as string, baseUrl: sim.urls.hostup });
    expect(create).toThrow(ValidationError);
    expect(create).toThrow(/accountId/);
  });

  it("an empty token is refused when the adapter is created", () => {
    expect(() => createHostUpUsers({ token: "", accountId: account.id })).toThrow(/token/);
    expect(() => createHostUpUsers({ token: new Secret(" "), accountId: account.id })).toThrow(/token/);
  });
});

describe("HostUp adapter: a new user's name (letters, digits, underscores, at most 64)", () => {
  it.each([
    ["a hyphen", "app-user", /letters, digits and underscores/],
    ["a space", "app user", /letters, digits and underscores/],
    ["a dot", "app.user", /letters, digits and underscores/],
    ["a non-ASCII letter", "användare", /letters, digits and underscores/],
    ["65 characters", "a".repeat(65), /at most 64 characters/],
    ["nothing", "", /non-empty/],
  ])("create refuses a name with %s, naming the rule", async (_label, name, rule) => {
    const error = await refusedBeforeSending((users) => users.create({ name }));
    expect(error.issues).toEqual([{ path: "name", message: expect.stringMatching(rule) }]);
    expect(error.message).toMatch(/^hostup: invalid input: name /);
  });

  it("64 letters, digits and underscores are a valid name", async () => {
    const { users } = adapterFor(sim, account.id);
    const name = `A_1${"b".repeat(61)}`;
    expect((await users.create({ name })).user.name).toBe(name);
  });

  it("lookups take any one-segment key, so users made elsewhere (example-user) stay reachable", async () => {
    const { users } = adapterFor(sim, account.id);
    expect((await users.get("example-user")).name).toBe("example-user");
    const { password } = await users.resetPassword("example-user");
    expect(sim.hostup.getUser(account.id, "example-user")?.password).toBe(password.reveal());
  });
});

describe("HostUp adapter: chosen passwords (HostUp documents no rule: the spec's is a guess, left to HostUp)", () => {
  // HostUp's own example on its create page; it has no lower-case letter and no digit.
  const EXAMPLE = "YOUR_DATABASE_PASSWORD";

  it("HostUp's example password is sent as it is, and HostUp's refusal of it is a ValidationError", async () => {
    // The simulator applies the spec's guess (8 to 128, upper, lower, digit), as HostUp may.
    for (const call of [
      (users: ReturnType<typeof adapterFor>["users"]) => users.setPassword("example-user", EXAMPLE),
      (users: ReturnType<typeof adapterFor>["users"]) =>
        users.create({ name: "new_user", password: new Secret(EXAMPLE) }),
    ]) {
      const { users, requests } = adapterFor(sim, account.id);
      const error = await rejectionOf(call(users));
      expect(error).toBeInstanceOf(ValidationError);
      expect(error).toMatchObject({ status: 400, vendorCode: "invalid_request", outcome: "not-applied" });
      const sent = requests.at(-1)?.body ?? "";
      expect(Object.values(JSON.parse(sent))).toContain(EXAMPLE);
      expect(JSON.stringify(error)).not.toContain(EXAMPLE);
    }
    expect(sim.hostup.getUser(account.id, "new_user")).toBeUndefined();
  });

  it("HostUp's example password, accepted by HostUp, is the caller's", async () => {
    const { users, rewriteNext } = adapterFor(sim, account.id);
    // HostUp, unlike the simulator's guess, takes it: 204, the other answer the spec allows.
    rewriteNext(() => new Response(null, { status: 204 }));
    await expect(users.setPassword("example-user", EXAMPLE)).resolves.toBeUndefined();
  });

  it("a password of another type (untyped caller) is refused", async () => {
    const error = await refusedBeforeSending((users) => users.setPassword("example-user", 12345678 as never));
    expect(error.issues).toEqual([{ path: "password", message: "must be a string or a Secret" }]);
  });
});

describe("HostUp adapter: what HostUp has no field for", () => {
  it.each([
    ["readOnly: true", { readOnly: true }, /grantPrivileges\(name, database, \["SELECT"\]\)/],
    ["databases", { databases: ["abcde_shop"] }, /grant them after create\(\)/],
  ])(
    "create with %s is an UnsupportedOperationError pointing to grantPrivileges, nothing sent",
    async (_label, extra, hint) => {
      const { users, requests } = adapterFor(sim, account.id);
      const error = await rejectionOf(users.create({ name: "reader", ...extra }));
      expect(error).toBeInstanceOf(UnsupportedOperationError);
      expect((error as Error).message).toMatch(hint);
      expect(requests).toHaveLength(0);
    },
  );
});

describe("HostUp adapter: readOnly must be a flag", () => {
  it.each(["true", "false", 1, "yes", null])(
    "create with readOnly: %j (untyped caller) is a ValidationError, no user created",
    async (readOnly) => {
      const error = await refusedBeforeSending((users) =>
        users.create({ name: "bob", readOnly: readOnly as unknown as boolean }),
      );
      expect(error.issues).toEqual([{ path: "readOnly", message: "must be a boolean" }]);
      expect(sim.hostup.getUser(account.id, "bob")).toBeUndefined();
    },
  );

  it("readOnly: false asks for nothing HostUp lacks: the user is created", async () => {
    const { users } = adapterFor(sim, account.id);
    await users.create({ name: "writer", readOnly: false });
    expect(sim.hostup.getUser(account.id, "writer")).toBeDefined();
  });
});

describe("HostUp adapter: privileges and databases", () => {
  const grant =
    (privileges: unknown, database: unknown = "abcde_shop") =>
    (users: ReturnType<typeof adapterFor>["users"]) =>
      users.grantPrivileges("example-user", database as string, privileges as HostUpPrivilege[]);

  it.each([
    ["an empty list", [], "privileges", /non-empty list/],
    ["not a list", "SELECT", "privileges", /non-empty list/],
    ["a blank name", [" "], "privileges.0", /name of a MySQL privilege/],
    ["a repeated privilege", ["SELECT", "SELECT"], "privileges.1", /repeats "SELECT"/],
    ["a privilege repeated as its alias", ["SELECT", "select"], "privileges.1", /repeats "SELECT"/],
  ])("grantPrivileges refuses %s", async (_label, privileges, path, rule) => {
    const error = await refusedBeforeSending(grant(privileges));
    expect(error.issues).toEqual([{ path, message: expect.stringMatching(rule) }]);
  });

  it.each([
    ["empty", "", /non-empty/],
    ["blank (spaces only)", "   ", /non-empty/],
    ["blank (a tab and a newline)", "\t\n", /non-empty/],
    ["not a string", 42, /non-empty/],
    ["65 characters", "d".repeat(65), /at most 64 characters/],
  ])(
    "grantPrivileges and revokePrivileges refuse a database name that is %s",
    async (_label, database, rule) => {
      for (const call of [
        grant(["SELECT"], database),
        (users: ReturnType<typeof adapterFor>["users"]) =>
          users.revokePrivileges("example-user", database as string),
      ]) {
        const error = await refusedBeforeSending(call);
        expect(error.issues).toEqual([{ path: "database", message: expect.stringMatching(rule) }]);
      }
    },
  );

  it("revokePrivileges checks the privileges it is given, and the user's key", async () => {
    const error = await refusedBeforeSending((users) => users.revokePrivileges("a/b", "abcde_shop", []));
    expect(error.issues?.map((issue) => issue.path)).toEqual(["name", "privileges"]);
  });
});
