// Cloud66's scopes through the adapter: `public` reads, `admin` changes and shows passwords. The
// simulator does not let `admin` imply `public` (Cloud66 does not say), so tokens need both.
import { AuthenticationError, PermissionError } from "@dbusers/core";
import { expectNoLeak } from "@dbusers/testing";
import { describe, expect, it } from "vitest";
import { adapterFor, addStack, handledOf, rejectionOf, startTestSimulator } from "./harness.ts";

const PUBLIC = "c66_public_only_token";
const ADMIN_ONLY = "c66_admin_only_token";
const NO_SCOPE = "c66_token_without_scopes";
const { sim, handled } = await startTestSimulator({
  tokens: { [PUBLIC]: ["public"], [ADMIN_ONLY]: ["admin"], [NO_SCOPE]: [] },
});

describe("Cloud66 adapter: scopes", () => {
  it("a public token lists and gets; its mutations are a 403 PermissionError, not retried", async () => {
    const stack = addStack(sim, ["app_user"]);
    const { users } = adapterFor(sim, stack, { token: PUBLIC });
    expect((await users.list()).map((user) => user.name)).toEqual(["app_user"]);
    expect((await users.get("app_user")).name).toBe("app_user");
    for (const call of [
      () => users.create({ name: "x" }),
      () => users.resetPassword("app_user"),
      () => users.delete("app_user"),
    ]) {
      const error = await rejectionOf(call());
      expect(error).toBeInstanceOf(PermissionError);
      expect(error).toMatchObject({ status: 403, vendorCode: "forbidden" });
      expect((error as Error).message).toBe("cloud66 answered 403: OAuth token lacks the required scope");
    }
    for (const operationId of [
      "database_users_create",
      "database_users_regenerate_password",
      "database_users_delete",
    ]) {
      expect(handledOf(handled, operationId)).toHaveLength(1);
    }
    expect(sim.cloud66.listActions(stack.stackId)).toEqual([]);
  });

  it("a token without any scope has public access, as Cloud66 documents", async () => {
    const stack = addStack(sim, ["app_user"]);
    const { users } = adapterFor(sim, stack, { token: NO_SCOPE });
    expect(await users.list()).toHaveLength(1);
    expect(await rejectionOf(users.create({ name: "x" }))).toBeInstanceOf(PermissionError);
  });

  it("an admin-only token cannot read: listing (and so every lookup) is a PermissionError", async () => {
    const stack = addStack(sim, ["app_user"]);
    const { users } = adapterFor(sim, stack, { token: ADMIN_ONLY });
    expect(await rejectionOf(users.list())).toBeInstanceOf(PermissionError);
    expect(await rejectionOf(users.delete("app_user"))).toBeInstanceOf(PermissionError);
    expect(handledOf(handled, "database_users_delete")).toHaveLength(0);
  });

  it("show_password without the permission is Cloud66's 403, which the raw client sees as it is", async () => {
    const stack = addStack(sim, ["app_user"]);
    const { users } = adapterFor(sim, stack, { token: PUBLIC });
    const { error, response } = await users.client.GET(
      "/stacks/{stack_id}/server_groups/{server_group_id}/database_users",
      {
        params: {
          path: { stack_id: stack.stackId, server_group_id: String(stack.groupId) },
          query: { show_password: true },
        },
      },
    );
    expect(response.status).toBe(403);
    expect(error).toEqual({
      error: "forbidden",
      error_description: "Insufficient permissions for show_password",
    });
  });

  it("an unknown token is an AuthenticationError (401), not retried, that does not quote the token", async () => {
    const stack = addStack(sim);
    const { users, requests } = adapterFor(sim, stack, { token: "c66_revoked_token" });
    const error = await rejectionOf(users.list());
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ status: 401, vendorCode: "unauthenticated" });
    expect(requests).toHaveLength(1);
    expectNoLeak(error, ["c66_revoked_token"]);
  });
});

describe("Cloud66 adapter: a password Cloud66 does not show", () => {
  it("create rejects with a PermissionError saying the user was created", async () => {
    const stack = addStack(sim);
    const { users, rewriteNext } = adapterFor(sim, stack);
    const withoutPasswords = async (answer: Response) => {
      const body = (await answer.json()) as { response: Array<Record<string, unknown>> };
      body.response = body.response.map(({ password: _p, password_hash: _h, ...user }) => user);
      return Response.json(body, { status: answer.status });
    };
    // The lookup, the POST and the three polls pass; the list read with show_password lacks the password.
    for (let i = 0; i < 5; i++) rewriteNext(async (answer) => answer);
    rewriteNext(withoutPasswords);
    const error = await rejectionOf(users.create({ name: "app" }));
    expect(error).toBeInstanceOf(PermissionError);
    expect((error as Error).message).toMatch(
      'cloud66: creation of database user "app" succeeded, but Cloud 66 listed it without its password; ' +
        "showing passwords needs edit permissions on the stack and the admin scope",
    );
    expect(error).toMatchObject({ operation: "create", outcome: "unknown", step: "wait for action" });
    expect(sim.cloud66.getUser(stack.stackId, stack.groupId, "app")).toBeDefined();
  });
});
