// HostUp's problem documents become the matching typed errors, with HostUp's code, its request id and
// its field errors kept.
import {
  AuthenticationError,
  ConflictError,
  PermissionError,
  UnavailableError,
  ValidationError,
} from "@dbusers/core";
import { describe, expect, it } from "vitest";
import { adapterFor, rejectionOf, startTestSimulator, summary } from "./harness.ts";

const LIST_ONLY = "hostup_list_only_key";
const { sim } = await startTestSimulator({ tokens: { [LIST_ONLY]: ["read:hosting", "console:services"] } });

function account() {
  const { id } = sim.hostup.addAccount({
    databases: ["abcde_shop"],
    users: [{ username: "shop", password: "Existing-Passw0rd" }],
  });
  return { id, ...adapterFor(sim, id) };
}

describe("HostUp adapter: problem details", () => {
  it("a taken name is a ConflictError found by the lookup before create: nothing sent, the user untouched", async () => {
    const { id, users, requests } = account();
    const error = await rejectionOf(users.create({ name: "shop" }));
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({
      provider: "hostup",
      code: "conflict",
      outcome: "not-applied",
      operation: "create",
      message: 'hostup: a database user named "shop" already exists',
    });
    expect(summary(requests, id)).toEqual(["GET /shared-hosting/{account}/database-users"]);
    expect(sim.hostup.getUser(id, "shop")?.password).toBe("Existing-Passw0rd");
  });

  it("a name taken after the lookup is HostUp's 409: the same ConflictError, with HostUp's answer as its cause", async () => {
    const { id, users, requests, rewriteNext } = account();
    // The lookup sees the list as it was before someone else created "shop".
    rewriteNext(() => Response.json({ databaseUsers: [] }));
    const error = await rejectionOf(users.create({ name: "shop" }));
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({ code: "conflict", outcome: "not-applied", operation: "create" });
    expect((error as Error).cause).toMatchObject({
      status: 409,
      vendorCode: "conflict",
      requestId: expect.stringMatching(/^req_[0-9a-f]{32}$/),
    });
    // Neither re-sent nor reconciled: a 409 says nothing was created.
    expect(summary(requests, id)).toEqual([
      "GET /shared-hosting/{account}/database-users",
      "POST /shared-hosting/{account}/database-users",
    ]);
    expect(sim.hostup.getUser(id, "shop")?.password).toBe("Existing-Passw0rd");
  });

  it("field errors become issues: the member's path, HostUp's text and HostUp's code", async () => {
    const { users } = account();
    const error = await rejectionOf(users.grantPrivileges("shop", "abcde_blog", ["SELECT"]));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({
      status: 400,
      vendorCode: "invalid_request",
      issues: [
        {
          path: "database",
          message: "`database` is not a database of this account.",
          code: "invalid_request",
        },
      ],
    });
    expect((error as Error).message).toBe(
      "hostup answered 400: The database is not one of this account's. (database: `database` is not a database of this account.)",
    );
  });

  it("a password HostUp finds too weak is a ValidationError (400 password_too_weak), the old one kept", async () => {
    const { id, users } = account();
    const error = await rejectionOf(users.setPassword("shop", "MyShop-2026"));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ status: 400, vendorCode: "password_too_weak" });
    expect((error as ValidationError).issues).toBeUndefined();
    expect((error as Error).message).not.toContain("MyShop-2026");
    expect(sim.hostup.getUser(id, "shop")?.password).toBe("Existing-Passw0rd");
  });

  it("a key without write:hosting may list, and every write is a PermissionError (403), not retried", async () => {
    const { id } = account();
    const { users, requests } = adapterFor(sim, id, { token: LIST_ONLY });
    expect(await users.list()).toHaveLength(1);
    for (const call of [
      () => users.create({ name: "app" }),
      () => users.setPassword("shop", "Chosen-Passw0rd-1"),
      () => users.grantPrivileges("shop", "abcde_shop", ["SELECT"]),
      () => users.revokePrivileges("shop", "abcde_shop"),
      () => users.delete("shop"),
    ]) {
      const error = await rejectionOf(call());
      expect(error).toBeInstanceOf(PermissionError);
      // A refusal proves nothing was done.
      expect(error).toMatchObject({ status: 403, vendorCode: "forbidden", outcome: "not-applied" });
    }
    // create and delete look the user up first: the key may list, so each write reaches HostUp's 403.
    expect(summary(requests, id)).toEqual([
      "GET /shared-hosting/{account}/database-users",
      "GET /shared-hosting/{account}/database-users",
      "POST /shared-hosting/{account}/database-users",
      "PUT /shared-hosting/{account}/database-users/shop/password",
      "POST /shared-hosting/{account}/database-users/shop/privileges",
      "DELETE /shared-hosting/{account}/database-users/shop/privileges",
      "GET /shared-hosting/{account}/database-users",
      `DELETE /shared-hosting/{account}/database-users/${sim.hostup.getUser(id, "shop")?.id}`,
    ]);
  });

  it("an unknown key is an AuthenticationError (401), not retried", async () => {
    const { id } = account();
    const { users, requests } = adapterFor(sim, id, { token: "hostup_revoked" });
    expect(await rejectionOf(users.list())).toMatchObject({ status: 401, code: "authentication_failed" });
    expect(await rejectionOf(users.list())).toBeInstanceOf(AuthenticationError);
    expect(requests).toHaveLength(2);
  });
});

describe("HostUp adapter: problem documents in odd shapes", () => {
  const PROBLEM = {
    type: "https://developer.hostup.se/errors/invalid_request",
    title: "Validation failed",
    status: 400,
    detail: "The request body failed validation.",
    code: "invalid_request",
    requestId: "req_01hxc4d5e6f7g8h9j0k1m2n3p4",
    timestamp: "2026-04-27T12:35:02.000Z",
  };

  /** The grant's error when its answer is replaced by `body` (as JSON unless a string) with `status`. */
  async function errorFor(body: unknown, status = 400) {
    const { users, rewriteNext } = account();
    rewriteNext(
      () =>
        new Response(typeof body === "string" ? body : JSON.stringify(body), {
          status,
          headers: { "content-type": typeof body === "string" ? "text/plain" : "application/problem+json" },
        }),
    );
    return (await rejectionOf(users.grantPrivileges("shop", "abcde_shop", ["SELECT"]))) as ValidationError;
  }

  it("pointers become dotted paths, JSON Pointer escapes undone; entries without a pointer are dropped", async () => {
    const error = await errorFor({
      ...PROBLEM,
      errors: [
        { pointer: "/privileges/0", detail: "`privileges[0]` is not a privilege.", code: "invalid_request" },
        { pointer: "/a~1b/c~0d", detail: "escaped", code: "" },
        { pointer: "", detail: "the whole body", code: "missing_required" },
        { detail: "no pointer", code: "invalid_request" },
        "not an object",
      ],
    });
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.issues).toEqual([
      { path: "privileges.0", message: "`privileges[0]` is not a privilege.", code: "invalid_request" },
      { path: "a/b.c~d", message: "escaped" },
      { path: "", message: "the whole body", code: "missing_required" },
    ]);
    expect(error.message).toBe(
      "hostup answered 400: The request body failed validation. (privileges.0: `privileges[0]` is not a privilege.; a/b.c~d: escaped; body: the whole body)",
    );
    expect(error.requestId).toBe(PROBLEM.requestId);
  });

  it("without a detail the title is the message; members of the wrong type are left out", async () => {
    const error = await errorFor({
      title: "Validation failed",
      status: 400,
      code: 7,
      requestId: "",
      errors: "nope",
    });
    expect(error.message).toBe("hostup answered 400: Validation failed");
    expect(error).not.toHaveProperty("vendorCode");
    expect(error).not.toHaveProperty("requestId");
    expect(error.issues).toBeUndefined();
  });

  it("an answer that is no problem document at all (a proxy's text) still gives the typed error", async () => {
    const error = await errorFor("upstream connect error", 502);
    expect(error).toBeInstanceOf(UnavailableError);
    expect(error).toMatchObject({ status: 502, outcome: "unknown", operation: "grantPrivileges" });
    expect(error.message).toMatch(/^hostup answered 502: upstream connect error \(.*may have changed\)$/);
  });
});
