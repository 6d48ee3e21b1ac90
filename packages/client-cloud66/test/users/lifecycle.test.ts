// A user's whole life through the adapter, against the simulator's state: every mutation follows its
// async action to the end, and what the adapter returns is what Cloud66 (the simulator) holds.
import { NotFoundError, Secret } from "@dbusers/core";
import { describe, expect, it } from "vitest";
import * as pkg from "../../src/index.ts";
import { adapterFor, addStack, DATABASE, rejectionOf, startTestSimulator, summary } from "./harness.ts";

const { sim } = await startTestSimulator();

describe("Cloud66 adapter: user lifecycle", () => {
  it("create → list → get → resetPassword → delete, each waiting for its action", async () => {
    const stack = addStack(sim, ["app_user"]);
    const { users, requests } = adapterFor(sim, stack);
    const stored = (name: string) => sim.cloud66.getUser(stack.stackId, stack.groupId, name);

    // create: the name looked up (free), queued, polled until finished (two polls see it running), then
    // read with its password.
    const created = await users.create({ name: "reporting", readOnly: true, databases: [DATABASE.uid] });
    const uid = stored("reporting")?.uid ?? "missing";
    expect(created.user).toMatchObject({
      provider: "cloud66",
      id: uid,
      name: "reporting",
      role: "readonly",
      readOnly: true,
      databases: [DATABASE.name],
      host: expect.any(String),
      createdAt: expect.any(Date),
    });
    expect(created.user.raw).not.toHaveProperty("password");
    expect(created.password).toBeInstanceOf(Secret);
    expect(created.password.reveal()).toBe(stored("reporting")?.password);
    expect(summary(requests, stack)).toEqual([
      "GET /stacks/{stack}/server_groups/{group}/database_users?page=1",
      "POST /stacks/{stack}/server_groups/{group}/database_users",
      "GET /stacks/{stack}/actions/789",
      "GET /stacks/{stack}/actions/789",
      "GET /stacks/{stack}/actions/789",
      "GET /stacks/{stack}/server_groups/{group}/database_users?page=1&show_password=true",
    ]);
    expect(JSON.parse(requests[1]?.body ?? "")).toEqual({
      username: "reporting",
      user_type: "readonly",
      database_ids: [DATABASE.uid],
    });

    // list and get: no password asked for.
    requests.length = 0;
    const listed = await users.list();
    expect(listed.map((user) => [user.name, user.readOnly])).toEqual([
      ["app_user", false],
      ["reporting", true],
    ]);
    expect(await users.get("reporting")).toEqual(listed[1]);
    expect(summary(requests, stack)).toEqual([
      "GET /stacks/{stack}/server_groups/{group}/database_users?page=1",
      "GET /stacks/{stack}/server_groups/{group}/database_users?page=1",
    ]);

    // resetPassword: the name is resolved to the uid, which the route takes.
    requests.length = 0;
    const reset = await users.resetPassword("reporting");
    expect(reset.password.reveal()).not.toBe(created.password.reveal());
    expect(reset.password.reveal()).toBe(stored("reporting")?.password);
    expect(summary(requests, stack)[1]).toBe(
      `POST /stacks/{stack}/server_groups/{group}/database_users/${uid}/regenerate_password`,
    );
    expect(requests[1]?.body).toBeUndefined();

    // delete, by uid too; then the user is gone for every operation.
    requests.length = 0;
    await users.delete("reporting");
    expect(stored("reporting")).toBeUndefined();
    expect(summary(requests, stack).slice(0, 2)).toEqual([
      "GET /stacks/{stack}/server_groups/{group}/database_users?page=1",
      `DELETE /stacks/{stack}/server_groups/{group}/database_users/${uid}`,
    ]);
    const error = await rejectionOf(users.get("reporting"));
    expect(error).toBeInstanceOf(NotFoundError);
    // As on every vendor, whose API answers 404 for a user it does not have.
    expect(error).toMatchObject({ status: 404 });
    expect((error as Error).message).toBe(
      `cloud66: no database user "reporting" in server group ${stack.groupId} of stack ${stack.stackId}`,
    );
    expect((await users.list()).map((user) => user.name)).toEqual(["app_user"]);
  });

  it("iterate() is lazy: nothing is sent until the loop starts", async () => {
    const stack = addStack(sim, ["app_user"]);
    const { users, requests } = adapterFor(sim, stack);
    const iterable = users.iterate();
    expect(requests).toHaveLength(0);
    const names: string[] = [];
    for await (const user of iterable) names.push(user.name);
    expect(names).toEqual(["app_user"]);
    expect(requests).toHaveLength(1);
  });

  it("userType chooses Cloud66's user_type; without one, Cloud66's default applies", async () => {
    const stack = addStack(sim);
    const { users, requests } = adapterFor(sim, stack);
    const { user } = await users.create({ name: "reader", userType: "readonly" });
    expect(user).toMatchObject({ role: "readonly", readOnly: true });
    const plain = await users.create({ name: "app", readOnly: false });
    expect(plain.user).toMatchObject({ role: "application", readOnly: false, databases: [] });
    const bodies = requests
      .filter((request) => request.method === "POST")
      .map((r) => JSON.parse(r.body ?? ""));
    expect(bodies).toEqual([{ username: "reader", user_type: "readonly" }, { username: "app" }]);
  });

  it("a user type or database the server group does not have is Cloud66's 400, a ValidationError", async () => {
    const stack = addStack(sim);
    const { users } = adapterFor(sim, stack);
    const badType = await rejectionOf(users.create({ name: "x", userType: "superuser" }));
    expect(badType).toBeInstanceOf(pkg.ValidationError);
    expect(badType).toMatchObject({ status: 400, vendorCode: "bad_request" });
    expect((badType as Error).message).toBe(
      "cloud66 answered 400: Invalid user type: User type 'superuser' is not one of the supported types (application, readonly)",
    );
    const badDatabase = await rejectionOf(users.create({ name: "x", databases: ["db_nope"] }));
    expect((badDatabase as Error).message).toMatch(/Database 'db_nope' does not exist/);
    const badName = await rejectionOf(users.create({ name: "new app user" }));
    expect((badName as Error).message).toMatch(/Username 'new app user' contains characters/);
    expect(sim.cloud66.listUsers(stack.stackId, stack.groupId)).toEqual([]);
  });

  it("a server group without databases answers 400 to every operation: a ValidationError", async () => {
    const stack = sim.cloud66.addStack({ serverGroups: [{ name: "web", databaseOperations: false }] });
    const groupId = stack.serverGroups[0]?.id ?? 0;
    const { users } = adapterFor(sim, { stackId: stack.uid, groupId });
    for (const call of [() => users.list(), () => users.create({ name: "app" }), () => users.delete("app")]) {
      const error = await rejectionOf(call());
      expect(error).toBeInstanceOf(pkg.ValidationError);
      expect((error as Error).message).toBe(
        "cloud66 answered 400: Server group does not support database operations",
      );
    }
  });

  it("an unknown stack or server group is a NotFoundError naming it, for every operation", async () => {
    const { groupId } = addStack(sim);
    const cases = [
      [{ stackId: "0123456789abcdef0123456789abcdef", groupId }, "Stack not found"],
      [{ stackId: addStack(sim).stackId, groupId: 999_999 }, "Server group not found"],
    ] as const;
    for (const [stack, message] of cases) {
      const { users } = adapterFor(sim, stack);
      for (const call of [
        () => users.list(),
        () => users.get("app"),
        () => users.create({ name: "app" }),
        () => users.resetPassword("app"),
        () => users.delete("app"),
      ]) {
        const error = await rejectionOf(call());
        expect(error).toBeInstanceOf(NotFoundError);
        expect(error).toMatchObject({ status: 404, vendorCode: "not_found" });
        expect((error as Error).message).toBe(`cloud66 answered 404: ${message}`);
      }
    }
  });

  it("errors and Secret can be imported from this package: the same classes as @dbusers/core's", () => {
    expect(pkg.NotFoundError).toBe(NotFoundError);
    expect(pkg.Secret).toBe(Secret);
    expect(pkg.OperationFailedError).toBeDefined();
  });
});
