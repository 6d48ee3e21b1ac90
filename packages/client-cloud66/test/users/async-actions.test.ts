// Cloud66's mutations are asynchronous: the adapter follows each action to its end (or hands it back
// with { wait: false }), surfaces a failed action as an OperationFailedError and bounds the wait.
import { setTimeout as sleep } from "node:timers/promises";
import { ConflictError, OperationFailedError, TimeoutError, ValidationError } from "@dbusers/core";
import { describe, expect, it } from "vitest";
import { adapterFor, addStack, handledOf, rejectionOf, startTestSimulator, summary } from "./harness.ts";

const { sim, handled } = await startTestSimulator();

const pollsOf = (requests: { method: string; url: string }[]) =>
  requests.filter((request) => request.method === "GET" && request.url.includes("/actions/")).length;

describe("Cloud66 adapter: { wait: false }", () => {
  it("create hands back the queued action at once; wait() follows it and gives the user and password", async () => {
    const stack = addStack(sim);
    const { users, requests } = adapterFor(sim, stack);
    const operation = await users.create({ name: "reporting" }, { wait: false });
    expect(operation).toMatchObject({ provider: "cloud66", id: "789" });
    expect(operation.action).toMatchObject({
      id: 789,
      status: "queued",
      resource_type: "database_user",
      finished_at: null,
    });
    // The lookup that proved the name free, and the POST.
    expect(summary(requests, stack)).toEqual([
      "GET /stacks/{stack}/server_groups/{group}/database_users?page=1",
      "POST /stacks/{stack}/server_groups/{group}/database_users",
    ]);
    expect(sim.cloud66.getUser(stack.stackId, stack.groupId, "reporting")).toBeUndefined();

    const { user, password } = await operation.wait();
    expect(user.name).toBe("reporting");
    expect(password.reveal()).toBe(sim.cloud66.getUser(stack.stackId, stack.groupId, "reporting")?.password);
    expect(pollsOf(requests)).toBe(3);

    // Waiting again gives the result again without polling the finished action.
    expect((await operation.wait()).user.id).toBe(user.id);
    expect(pollsOf(requests)).toBe(3);
  });

  it("resetPassword and delete hand back their actions too, typed by what wait() resolves with", async () => {
    const stack = addStack(sim, ["app_user"]);
    const { users } = adapterFor(sim, stack);
    const reset = await users.resetPassword("app_user", { wait: false });
    expect(reset.action?.action).toBe("database_user_password_change");
    const { password } = await reset.wait();
    expect(password.reveal()).toBe(sim.cloud66.getUser(stack.stackId, stack.groupId, "app_user")?.password);

    const deletion = await users.delete("app_user", { wait: false });
    expect(deletion.action).toMatchObject({ action: "database_user_delete", status: "queued" });
    expect(sim.cloud66.getUser(stack.stackId, stack.groupId, "app_user")).toBeDefined();
    await expect(deletion.wait()).resolves.toBeUndefined();
    expect(sim.cloud66.getUser(stack.stackId, stack.groupId, "app_user")).toBeUndefined();
  });

  it("getAction reads an action's progress: queued, running, then finished", async () => {
    const stack = addStack(sim);
    const { users } = adapterFor(sim, stack);
    const { action } = await users.create({ name: "app" }, { wait: false });
    const id = action?.id ?? 0;
    const states = [];
    for (let poll = 0; poll < 3; poll++) {
      const read = await users.getAction(id);
      states.push([read.status, read.finished_success]);
    }
    expect(states).toEqual([
      ["running", null],
      ["running", null],
      ["completed", true],
    ]);
  });
});

describe("Cloud66 adapter: failed actions", () => {
  it.each([
    ["create", 'creation of database user "app_user"'],
    ["resetPassword", 'password change of database user "app_user"'],
    ["delete", 'deletion of database user "app_user"'],
  ] as const)(
    "%s: an action that fails is an OperationFailedError with Cloud66's message",
    async (operation, what) => {
      const stack = addStack(sim, operation === "create" ? [] : ["app_user"]);
      const before = sim.cloud66.listUsers(stack.stackId, stack.groupId);
      sim.cloud66.setActionBehaviour(stack.stackId, { failWith: "Unable to connect to the database server" });
      const { users } = adapterFor(sim, stack);
      const call = {
        create: () => users.create({ name: "app_user" }),
        resetPassword: () => users.resetPassword("app_user"),
        delete: () => users.delete("app_user"),
      }[operation];
      const error = await rejectionOf(call());
      expect(error).toBeInstanceOf(OperationFailedError);
      expect(error).toMatchObject({ provider: "cloud66", code: "operation_failed", retryable: false });
      // Cloud66 says it did nothing: the outcome is known, and the step named is the wait, not the request.
      expect(error).toMatchObject({ operation, outcome: "not-applied", step: "wait for action" });
      expect((error as Error).message).toBe(
        `cloud66: ${what} (action 789) failed: Unable to connect to the database server`,
      );
      // Nothing changed: no user created, the password and the user kept.
      expect(sim.cloud66.listUsers(stack.stackId, stack.groupId)).toEqual(before);
    },
  );

  it("a taken name is a ConflictError before anything is sent; the user keeps its password", async () => {
    const stack = addStack(sim, ["app_user"]);
    const before = sim.cloud66.getUser(stack.stackId, stack.groupId, "app_user")?.password;
    const { users, requests } = adapterFor(sim, stack);
    const error = await rejectionOf(users.create({ name: "app_user" }));
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({ code: "conflict", outcome: "not-applied", operation: "create" });
    expect(requests.filter((request) => request.method === "POST")).toHaveLength(0);
    expect(sim.cloud66.getUser(stack.stackId, stack.groupId, "app_user")?.password).toBe(before);
  });

  it("a name taken after the lookup fails Cloud66's action (it checks on the database server): a ConflictError", async () => {
    const stack = addStack(sim);
    const { users, requests, rewriteNext } = adapterFor(sim, stack);
    const stored = () => sim.cloud66.getUser(stack.stackId, stack.groupId, "app_user")?.password;
    let theirs: string | undefined;
    // Someone else creates the user while the lookup's answer (no such user) is on its way.
    rewriteNext(async (answer) => {
      sim.cloud66.addUser(stack.stackId, stack.groupId, { username: "app_user" });
      theirs = stored();
      return answer;
    });
    const error = await rejectionOf(users.create({ name: "app_user" }));
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({ code: "conflict", outcome: "not-applied", operation: "create" });
    expect((error as ConflictError).cause).toBeInstanceOf(OperationFailedError);
    expect(((error as ConflictError).cause as Error).message).toMatch(
      /Database user app_user already exists$/,
    );
    expect(requests.filter((request) => request.method === "POST")).toHaveLength(1);
    expect(sim.cloud66.listUsers(stack.stackId, stack.groupId)).toHaveLength(1);
    expect(stored()).toBe(theirs);
  });
});

describe("Cloud66 adapter: how long a mutation waits", () => {
  it("gives up with a TimeoutError naming the action, after which the operation can still be waited for", async () => {
    const stack = addStack(sim);
    // Never finished by polls; by age, after 2 s (far beyond the first wait's 100 ms).
    sim.cloud66.setActionBehaviour(stack.stackId, { polls: 1_000_000, afterMs: 2_000 });
    const { users } = adapterFor(sim, stack);
    const operation = await users.create({ name: "app" }, { wait: false });
    const error = await rejectionOf(operation.wait({ timeoutMs: 100, minDelayMs: 10, maxDelayMs: 10 }));
    expect(error).toBeInstanceOf(TimeoutError);
    // The last state is named when a poll answered within the 100 ms, which a busy machine may not do.
    expect((error as Error).message).toMatch(
      /^cloud66: creation of database user "app" \(action 789\) did not finish within 100 ms( \(last state: running\))?$/,
    );
    const { user, password } = await operation.wait({ minDelayMs: 50, maxDelayMs: 100 });
    expect(user.name).toBe("app");
    expect(password.reveal()).toBe(sim.cloud66.getUser(stack.stackId, stack.groupId, "app")?.password);
    expect(handledOf(handled, "database_users_create")).toHaveLength(1);
  });

  it("the call's own wait options win over the adapter's", async () => {
    const stack = addStack(sim);
    sim.cloud66.setActionBehaviour(stack.stackId, { polls: 1_000 });
    const { users } = adapterFor(sim, stack, { wait: { timeoutMs: 60_000, minDelayMs: 1, maxDelayMs: 1 } });
    const error = await rejectionOf(users.create({ name: "app" }, { wait: { timeoutMs: 50 } }));
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as Error).message).toMatch(/within 50 ms/);
  });

  it("an abort while waiting rejects with the caller's reason, and no poll follows", async () => {
    const stack = addStack(sim);
    sim.cloud66.setActionBehaviour(stack.stackId, { polls: 1_000 });
    const { users, requests } = adapterFor(sim, stack, { wait: { minDelayMs: 20, maxDelayMs: 20 } });
    const controller = new AbortController();
    const reason = new Error("shutting down");
    const creating = users.create({ name: "app" }, { signal: controller.signal });
    await expect.poll(() => handledOf(handled, "stack_actions_get").length).toBeGreaterThanOrEqual(2);
    controller.abort(reason);
    expect(await rejectionOf(creating)).toBe(reason);
    // Counted as sent, not as handled: a poll sent before the abort may reach a busy simulator after it.
    const polls = () => requests.filter((request) => request.url.includes("/actions/")).length;
    const sent = polls();
    await sleep(100);
    expect(polls()).toBe(sent);
  });

  it.each([
    ["a negative time limit", { timeoutMs: -1 }, "wait.timeoutMs"],
    ["a delay that is not a number", { minDelayMs: "2s" }, "wait.minDelayMs"],
    ["not an object", "soon", "wait"],
  ])("refuses %s before sending anything", async (_label, wait, path) => {
    const stack = addStack(sim, ["app_user"]);
    const { users, requests } = adapterFor(sim, stack);
    const options = { wait } as unknown as { wait: false };
    for (const call of [
      () => users.create({ name: "x" }, options),
      () => users.resetPassword("app_user", options),
      () => users.delete("app_user", options),
    ]) {
      const error = await rejectionOf(call());
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues?.[0]?.path).toBe(path);
    }
    expect(requests).toHaveLength(0);
  });
});

describe("Cloud66 adapter: actions run in the background", () => {
  it("an action finishes by age without any poll, in the order the actions were queued", async () => {
    const stack = addStack(sim, ["app_user"]);
    sim.cloud66.setActionBehaviour(stack.stackId, { afterMs: 50 });
    const { users, requests } = adapterFor(sim, stack);
    await users.create({ name: "a" }, { wait: false });
    await users.delete("app_user", { wait: false });
    await sleep(60);
    expect(sim.cloud66.listUsers(stack.stackId, stack.groupId).map((user) => user.username)).toEqual(["a"]);
    expect(sim.cloud66.listActions(stack.stackId).map((action) => action.finished_success)).toEqual([
      true,
      true,
    ]);
    expect(summary(requests, stack).filter((line) => line.includes("/actions/"))).toEqual([]);
  });
});
