import { describe, expect, it } from "vitest";
import type { Simulator } from "../../src/index.ts";
import { start } from "../helpers.ts";
import { cloud66Api } from "./api.ts";

/** A stack with one MySQL server group (two databases) whose actions finish on their first poll. */
function stackOf(sim: Simulator, usernames: string[] = []) {
  const stack = sim.cloud66.addStack({
    serverGroups: [
      {
        databases: [
          { uid: "db_abc123", name: "app_production" },
          { uid: "db_def456", name: "app_staging" },
        ],
        users: usernames.map((username) => ({ username })),
      },
    ],
    actions: { polls: 0 },
  });
  const groupId = stack.serverGroups[0]?.id ?? 0;
  return { stack, groupId, api: cloud66Api(sim, stack.uid, groupId) };
}

describe("Cloud66 users: lifecycle", () => {
  it("create → poll → list → regenerate_password → delete, each a queued action applied when it finishes", async () => {
    const sim = await start();
    const { stack, groupId, api } = stackOf(sim);

    const created = await api.create({
      username: "app_user",
      database_ids: ["db_abc123"],
      user_type: "readonly",
    });
    expect(created.status).toBe(200);
    expect(created.body.response).toMatchObject({
      id: 789,
      action: "database_user_create",
      action_type: "database_user_create",
      status: "queued",
      resource_type: "database_user",
      resource_id: null,
      started_via: "api",
      finished_at: null,
      finished_success: null,
    });
    expect(sim.cloud66.getUser(stack.uid, groupId, "app_user")).toBeUndefined();

    const finished = await api.action(789);
    expect(finished.body.response).toMatchObject({ status: "completed", finished_success: true });
    const user = sim.cloud66.getUser(stack.uid, groupId, "app_user");
    expect(finished.body.response.resource_id).toBe(user?.uid);
    expect(user).toMatchObject({
      uid: expect.stringMatching(/^user_[0-9a-f]{16}$/),
      username: "app_user",
      user_type: "readonly",
      databases: ["app_production"],
      stack_uid: stack.uid,
      server_group_id: groupId,
      password: expect.stringMatching(/^[A-Za-z0-9]{16}$/),
      password_hash: expect.stringMatching(/^\*[0-9A-F]{40}$/),
    });

    const listed = await api.list();
    expect(listed.body.response).toEqual([
      {
        uid: user?.uid,
        username: "app_user",
        user_type: "readonly",
        databases: ["app_production"],
        stack_uid: stack.uid,
        server_group_id: groupId,
        host: expect.any(String),
        created_at: expect.any(String),
        created_at_iso: expect.any(String),
        updated_at_iso: expect.any(String),
      },
    ]);

    const regenerated = await api.regenerate(user?.uid ?? "");
    expect(regenerated.body.response).toMatchObject({
      id: 790,
      action: "database_user_password_change",
      resource_id: user?.uid,
    });
    await api.action(790);
    const changed = sim.cloud66.getUser(stack.uid, groupId, "app_user");
    expect(changed?.password).not.toBe(user?.password);
    expect(changed?.password_hash).not.toBe(user?.password_hash);

    const deleted = await api.remove(user?.uid ?? "");
    expect(deleted.status).toBe(200);
    expect(deleted.body.response).toMatchObject({
      id: 791,
      action: "database_user_delete",
      status: "queued",
    });
    await api.action(791);
    expect(sim.cloud66.listUsers(stack.uid, groupId)).toEqual([]);
    expect(sim.violations).toEqual([]);
  });

  it("show_password=true adds each user's password and hash; without it they are left out", async () => {
    const sim = await start();
    const { stack, groupId, api } = stackOf(sim, ["app_user"]);
    const stored = sim.cloud66.getUser(stack.uid, groupId, "app_user");
    const shown = await api.list({ show_password: "true" });
    expect(shown.body.response[0]).toMatchObject({
      password: stored?.password,
      password_hash: stored?.password_hash,
    });
    for (const query of [{}, { show_password: "false" }] as Array<Record<string, string>>) {
      const hidden = await api.list(query);
      expect(hidden.body.response[0]).not.toHaveProperty("password");
      expect(hidden.body.response[0]).not.toHaveProperty("password_hash");
    }
  });

  it("the error a duplicate name meets when its action runs, and the names refused at once", async () => {
    const sim = await start();
    const { api } = stackOf(sim, ["app_user"]);
    const duplicate = await api.create({ username: "app_user" });
    expect(duplicate.status).toBe(200);
    expect((await api.action(duplicate.body.response.id)).body.response).toMatchObject({
      status: "failed",
      finished_success: false,
      finished_message: "Database user app_user already exists",
    });
    const cases = [
      [
        { username: "new app user" },
        "Invalid username",
        "Username 'new app user' contains characters that are not allowed",
      ],
      [
        { username: "x", user_type: "superuser" },
        "Invalid user type",
        "User type 'superuser' is not one of the supported types (application, readonly)",
      ],
      [
        { username: "x", database_ids: ["db_nope"] },
        "Invalid database",
        "Database 'db_nope' does not exist in this server group",
      ],
    ] as const;
    for (const [body, description, details] of cases) {
      const refused = await api.create(body);
      expect(refused.status).toBe(400);
      expect(refused.body).toEqual({ error: "bad_request", error_description: description, details });
    }
    expect(sim.violations).toEqual([]);
  });

  it("refuses what the spec does not allow, in Cloud 66's error format", async () => {
    const sim = await start();
    const { api } = stackOf(sim);
    for (const body of [
      {},
      { username: "" },
      { username: "x", password: "chosen" },
      { username: "x", database_ids: "db" },
    ]) {
      const refused = await api.create(body);
      expect(refused.status).toBe(400);
      expect(refused.body).toMatchObject({ error: "bad_request", error_description: expect.any(String) });
    }
    expect((await api.list({ page: "0" })).status).toBe(400);
    expect((await api.request("GET", "/stacks/x/actions/abc")).status).toBe(400);
  });
});

describe("Cloud66 users: pages of 30", () => {
  it("pages 1 and 2 of 31 users, with the endpoint examples' pagination object", async () => {
    const sim = await start();
    const { api } = stackOf(
      sim,
      Array.from({ length: 31 }, (_, i) => `user_${i + 1}`),
    );
    const first = await api.list();
    expect(first.body.response).toHaveLength(30);
    expect(first.body.count).toBe(31);
    expect(first.body.pagination).toEqual({
      previous: null,
      next: 2,
      current: 1,
      per_page: 30,
      count: 31,
      pages: 2,
    });
    const second = await api.list({ page: "2" });
    expect(second.body.response.map((user: { username: string }) => user.username)).toEqual(["user_31"]);
    expect(second.body.pagination).toEqual({
      previous: 1,
      next: null,
      current: 2,
      per_page: 30,
      count: 31,
      pages: 2,
    });
    const beyond = await api.list({ page: "3" });
    expect(beyond.body.response).toEqual([]);
    expect(beyond.body.pagination).toMatchObject({ next: null, current: 3, pages: 2 });
    expect(sim.violations).toEqual([]);
  });

  it("a stack may name the previous page `prev`, as the Pagination model page does", async () => {
    const sim = await start();
    const stack = sim.cloud66.addStack({ serverGroups: [{ id: 1 }], previousPageKey: "prev" });
    for (let i = 0; i < 31; i++) sim.cloud66.addUser(stack.uid, 1, { username: `u${i}` });
    const second = await cloud66Api(sim, stack.uid, 1).list({ page: "2" });
    expect(second.body.pagination).toEqual({
      prev: 1,
      next: null,
      current: 2,
      per_page: 30,
      count: 31,
      pages: 2,
    });
    expect(sim.violations).toEqual([]);
  });

  it("an empty server group has zero pages", async () => {
    const sim = await start();
    const { api } = stackOf(sim);
    const empty = await api.list();
    expect(empty.body).toEqual({
      response: [],
      count: 0,
      pagination: { previous: null, next: null, current: 1, per_page: 30, count: 0, pages: 0 },
    });
  });
});

describe("Cloud66 users: what does not exist, or cannot have database users", () => {
  it("answers 404 naming the stack, the server group, the user or the action", async () => {
    const sim = await start();
    const { stack, groupId, api } = stackOf(sim);
    const notFound = (what: string) => ({ error: "not_found", error_description: `${what} not found` });
    expect((await cloud66Api(sim, "nostack", groupId).list()).body).toEqual(notFound("Stack"));
    expect((await cloud66Api(sim, stack.uid, 999).list()).body).toEqual(notFound("Server group"));
    expect((await cloud66Api(sim, stack.uid, "web").list()).body).toEqual(notFound("Server group"));
    expect((await api.remove("user_nobody")).body).toEqual(notFound("Database user"));
    expect((await api.regenerate("user_nobody")).body).toEqual(notFound("Database user"));
    expect((await api.action(12345)).body).toEqual(notFound("Action"));
    expect(sim.violations).toEqual([]);
  });

  it("a server group that runs no databases answers 400 to the four user operations", async () => {
    const sim = await start();
    const stack = sim.cloud66.addStack({
      serverGroups: [{ id: 3818, name: "web", databaseOperations: false }],
    });
    const api = cloud66Api(sim, stack.uid, 3818);
    const expected = {
      error: "bad_request",
      error_description: "Server group does not support database operations",
    };
    for (const answer of [
      await api.list(),
      await api.create({ username: "x" }),
      await api.regenerate("user_x"),
      await api.remove("user_x"),
    ]) {
      expect(answer.status).toBe(400);
      expect(answer.body).toEqual(expected);
    }
    expect(sim.violations).toEqual([]);
  });
});
