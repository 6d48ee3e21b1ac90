// Mutations whose answer is lost or cannot be read, with actions that take their time. A 2xx that
// cannot be read proves Cloud66 queued the action: the adapter follows its effect instead. A lost
// answer proves nothing: a create is never re-sent, its effect is followed until the wait's time limit
// (one look with { wait: false }), and claimed only because the name was free before it and the name's
// lock was held; a regeneration is sent again; a delete is re-sent only to the same uid, once the user
// is seen still there at the wait's limit. A request that never left (a refused connection) fails fast.
// (The shared conformance suite covers the same faults with actions that finish at once.)
import { createServer } from "node:net";
import { ConflictError, UnavailableError } from "@dbusers/core";
import { describe, expect, it } from "vitest";
import { adapterFor, addStack, handledOf, rejectionOf, startTestSimulator } from "./harness.ts";

const { sim, handled } = await startTestSimulator();

/**
 * An origin on 127.0.0.1 that nothing listens on: every connection to it is refused. (The shared
 * conformance suite sends every request there; here only the POST goes.)
 */
async function refusingOrigin(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}

/** A stack whose actions finish only by age, after `afterMs`, so that nothing is done when first looked at. */
function slowStack(usernames: string[], afterMs: number) {
  const stack = addStack(sim, usernames);
  sim.cloud66.setActionBehaviour(stack.stackId, { polls: 1_000_000, afterMs });
  return stack;
}

/** A stack whose actions finish when the test says (`sim.cloud66.finishActions`), however busy the machine. */
const heldStack = () => slowStack([], 3_600_000);

/** Resolves once the adapter has read the list `count` times (a busy machine may take seconds). */
const listed = (count: number) =>
  expect
    .poll(() => handledOf(handled, "database_users_list").length, { timeout: 15_000 })
    .toBeGreaterThanOrEqual(count);

/** A 2xx cut short before the action's id: all that says is that Cloud66 accepted the request. */
const cutBeforeTheId = () =>
  new Response('{"respo', { status: 200, headers: { "content-type": "application/json" } });

/** Passes the next answer as it is (the lookup a mutation makes before sending). */
const asItIs = async (answer: Response) => answer;

describe("Cloud66 adapter: a create's answer", () => {
  it("lost after Cloud66 queued it, action still running: followed until the user shows in the list, with a working password", async () => {
    const stack = heldStack();
    const { users } = adapterFor(sim, stack, { wait: { minDelayMs: 20, maxDelayMs: 40 } });
    sim.failNext({ vendor: "cloud66", operationId: "database_users_create", drop: "after-handling" });
    const creating = users.create({ name: "app" });
    // Cloud 66 finishes the action only after the lookup before the create, and one look after it
    // that did not find the user.
    await listed(2);
    sim.cloud66.finishActions(stack.stackId);
    const { user, password } = await creating;
    const stored = sim.cloud66.getUser(stack.stackId, stack.groupId, "app");
    expect(user.id).toBe(stored?.uid);
    expect(password.reveal()).toBe(stored?.password);
    // Not re-sent, and followed: listed again until the user showed up. The action could not be
    // polled (its id was in the lost answer).
    expect(handledOf(handled, "database_users_create")).toHaveLength(1);
    expect(handledOf(handled, "database_users_list").length).toBeGreaterThan(2);
    expect(handledOf(handled, "stack_actions_get")).toHaveLength(0);
  });

  it("cut short (2xx) after the action's id: the action is followed to its end, with a working password", async () => {
    const stack = heldStack();
    const { users } = adapterFor(sim, stack, { wait: { minDelayMs: 20, maxDelayMs: 40 } });
    sim.failNext({ vendor: "cloud66", operationId: "database_users_create", truncate: true });
    const creating = users.create({ name: "app" });
    await expect.poll(() => handledOf(handled, "stack_actions_get").length).toBeGreaterThanOrEqual(1);
    sim.cloud66.finishActions(stack.stackId);
    const { password } = await creating;
    expect(password.reveal()).toBe(sim.cloud66.getUser(stack.stackId, stack.groupId, "app")?.password);
    expect(handledOf(handled, "database_users_create")).toHaveLength(1);
  });

  it("cut short before the action's id, with { wait: false }: no action id, and wait() follows the effect", async () => {
    const stack = heldStack();
    const { users, rewriteNext } = adapterFor(sim, stack, { wait: { minDelayMs: 20, maxDelayMs: 40 } });
    rewriteNext(asItIs);
    rewriteNext(cutBeforeTheId);
    const operation = await users.create({ name: "app" }, { wait: false });
    expect(operation.id).toBeUndefined();
    expect(operation.action).toBeUndefined();
    const waiting = operation.wait();
    await listed(2);
    sim.cloud66.finishActions(stack.stackId);
    const { password } = await waiting;
    expect(password.reveal()).toBe(sim.cloud66.getUser(stack.stackId, stack.groupId, "app")?.password);
    expect(handledOf(handled, "stack_actions_get")).toHaveLength(0);
  });

  it("lost before reaching Cloud66: the list is followed until the wait's time limit, then the original error", async () => {
    const stack = slowStack([], 0);
    const { users } = adapterFor(sim, stack, { wait: { minDelayMs: 20, maxDelayMs: 40, timeoutMs: 1_000 } });
    sim.failNext({ vendor: "cloud66", operationId: "database_users_create", drop: "before-handling" });
    const error = await rejectionOf(users.create({ name: "app" }));
    expect(error).toBeInstanceOf(UnavailableError);
    // Nothing shows that the POST never arrived: the outcome is unknown.
    expect(error).toMatchObject({ operation: "create", outcome: "unknown", step: "create request" });
    expect(sim.cloud66.getUser(stack.stackId, stack.groupId, "app")).toBeUndefined();
    expect(handledOf(handled, "database_users_create")).toHaveLength(0);
    expect(handledOf(handled, "database_users_list").length).toBeGreaterThan(2);
  });

  it("lost, the list followed until the call's deadline: the original error, outcome unknown", async () => {
    const stack = heldStack();
    // The adapter's wait would follow the list for 10 minutes; the call's deadline ends it first.
    const { users } = adapterFor(sim, stack, { wait: { minDelayMs: 20, maxDelayMs: 40 } });
    sim.failNext({ vendor: "cloud66", operationId: "database_users_create", drop: "after-handling" });
    const error = await rejectionOf(users.create({ name: "app" }, { deadlineMs: 2_000 }));
    expect(error).toBeInstanceOf(UnavailableError);
    expect(error).toMatchObject({ operation: "create", outcome: "unknown" });
    expect((error as Error).message).toMatch(/the user may have been created/);
    expect(handledOf(handled, "database_users_create")).toHaveLength(1);
  });

  it("the POST's connection refused after the lookup: not applied, not followed, no user", async () => {
    const stack = addStack(sim);
    const refused = new URL(await refusingOrigin());
    const posts: string[] = [];
    // The simulator answers the lookup; the POST goes where nothing listens.
    const { users } = adapterFor(sim, stack, {
      fetch: async (input, init) => {
        const request = new Request(input, init);
        if (request.method !== "POST") return fetch(request);
        posts.push(request.url);
        const target = new URL(request.url);
        target.host = refused.host;
        return fetch(new Request(target, request));
      },
    });
    const error = await rejectionOf(users.create({ name: "app" }));
    expect(error).toBeInstanceOf(UnavailableError);
    expect(error).toMatchObject({ operation: "create", outcome: "not-applied", step: "create request" });
    // Sent again by the transport (it never left), then given up: the list is not followed.
    expect(posts).toHaveLength(3);
    expect(handledOf(handled, "database_users_list")).toHaveLength(1);
    expect(sim.cloud66.getUser(stack.stackId, stack.groupId, "app")).toBeUndefined();
  });

  it("two creates of one name through one client, the first losing its answer: one user, one ConflictError", async () => {
    // Actions finish as soon as the stack is read again: the first create's user shows at its first look.
    const stack = slowStack([], 0);
    const { users, requests } = adapterFor(sim, stack);
    sim.failNext({ vendor: "cloud66", operationId: "database_users_create", drop: "after-handling" });
    const [first, second] = await Promise.allSettled([
      users.create({ name: "app" }),
      users.create({ name: "app" }),
    ]);
    const stored = sim.cloud66.getUser(stack.stackId, stack.groupId, "app");
    expect(first.status === "fulfilled" && first.value.password.reveal()).toBe(stored?.password);
    expect(second.status === "rejected" && second.reason).toBeInstanceOf(ConflictError);
    expect(requests.filter((request) => request.method === "POST")).toHaveLength(1);
    expect(sim.cloud66.listUsers(stack.stackId, stack.groupId)).toHaveLength(1);
  });

  it("lost with { wait: false }: one look, the original error while the action runs, and the user later", async () => {
    const stack = heldStack();
    const { users } = adapterFor(sim, stack);
    sim.failNext({ vendor: "cloud66", operationId: "database_users_create", drop: "after-handling" });
    const error = await rejectionOf(users.create({ name: "app" }, { wait: false }));
    expect(error).toBeInstanceOf(UnavailableError);
    expect(error).toMatchObject({ operation: "create", outcome: "unknown" });
    // The lookup before, one look after, not re-sent. Counted on this test's stack: a poll the previous
    // test gave up on can reach the simulator late on a busy machine.
    const ofThisStack = (operationId: string) =>
      handledOf(handled, operationId).filter((request) => request.line.includes(stack.stackId));
    expect(ofThisStack("database_users_create")).toHaveLength(1);
    expect(ofThisStack("database_users_list")).toHaveLength(2);
    sim.cloud66.finishActions(stack.stackId);
    expect(sim.cloud66.getUser(stack.stackId, stack.groupId, "app")).toBeDefined();
  });

  it("lost, and the caller aborts while the list is followed: the caller's reason, nothing re-sent", async () => {
    const stack = heldStack();
    const { users, requests } = adapterFor(sim, stack, { wait: { minDelayMs: 20, maxDelayMs: 40 } });
    sim.failNext({ vendor: "cloud66", operationId: "database_users_create", drop: "after-handling" });
    const controller = new AbortController();
    const reason = new Error("caller gave up");
    const creating = users.create({ name: "app" }, { signal: controller.signal });
    await listed(2);
    controller.abort(reason);
    expect(await rejectionOf(creating)).toBe(reason);
    expect(requests.filter((request) => request.method === "POST")).toHaveLength(1);
  });
});

describe("Cloud66 adapter: a lost or unreadable answer to resetPassword", () => {
  it.each([
    ["cut short (2xx) after the action's id: that action is followed", { truncate: true }, 1],
    ["lost after Cloud66 queued it: the password is regenerated once more", { drop: "after-handling" }, 2],
  ] as const)("%s, and the password returned is the one in place", async (_, fault, sends) => {
    const stack = slowStack(["app_user"], 100);
    const { users, requests } = adapterFor(sim, stack, { wait: { minDelayMs: 20, maxDelayMs: 40 } });
    sim.failNext({ vendor: "cloud66", operationId: "database_users_regenerate_password", ...fault });
    const { password } = await users.resetPassword("app_user");
    expect(password.reveal()).toBe(sim.cloud66.getUser(stack.stackId, stack.groupId, "app_user")?.password);
    expect(requests.filter((request) => request.method === "POST")).toHaveLength(sends);
    // Every change ran, in order: the last one's password is the one in place.
    const actions = sim.cloud66.listActions(stack.stackId);
    expect(actions.map((action) => action.finished_success)).toEqual(Array(sends).fill(true));
  });
});

describe("Cloud66 adapter: a lost or unreadable answer to delete", () => {
  it("cut short (2xx) before the action's id: the user is followed until it leaves the list", async () => {
    const stack = slowStack(["app_user", "other"], 200);
    const { users, rewriteNext } = adapterFor(sim, stack, { wait: { minDelayMs: 20, maxDelayMs: 40 } });
    rewriteNext(asItIs);
    rewriteNext(cutBeforeTheId);
    await users.delete("app_user");
    expect(sim.cloud66.listUsers(stack.stackId, stack.groupId).map((user) => user.username)).toEqual([
      "other",
    ]);
    expect(handledOf(handled, "database_users_delete")).toHaveLength(1);
    expect(handledOf(handled, "stack_actions_get")).toHaveLength(0);
  });

  it("lost after Cloud66 queued it: a user made again under the name meanwhile is left alone", async () => {
    const stack = slowStack(["app_user"], 3_600_000);
    const { users, requests } = adapterFor(sim, stack, { wait: { minDelayMs: 20, maxDelayMs: 40 } });
    const first = sim.cloud66.getUser(stack.stackId, stack.groupId, "app_user")?.uid;
    sim.failNext({ vendor: "cloud66", operationId: "database_users_delete", drop: "after-handling" });
    const deleting = users.delete("app_user");
    // The lookup before the DELETE, then one look after it: the user is still there.
    await listed(2);
    // The DELETE's action runs; then someone creates a user of the same name.
    sim.cloud66.finishActions(stack.stackId);
    const again = sim.cloud66.addUser(stack.stackId, stack.groupId, { username: "app_user" });
    await deleting;
    expect(again.uid).not.toBe(first);
    expect(sim.cloud66.getUser(stack.stackId, stack.groupId, "app_user")?.uid).toBe(again.uid);
    expect(requests.filter((request) => request.method === "DELETE")).toHaveLength(1);
  });

  it("answered 500 without being carried out: still listed at the wait's limit, re-sent to the same uid", async () => {
    const stack = addStack(sim, ["app_user"]);
    const { users, requests } = adapterFor(sim, stack, {
      wait: { timeoutMs: 1_000, minDelayMs: 20, maxDelayMs: 40 },
    });
    const { uid } = sim.cloud66.getUser(stack.stackId, stack.groupId, "app_user") ?? {};
    sim.failNext({ vendor: "cloud66", operationId: "database_users_delete", status: 500 });
    await users.delete("app_user");
    expect(sim.cloud66.getUser(stack.stackId, stack.groupId, "app_user")).toBeUndefined();
    const deletes = requests.filter((request) => request.method === "DELETE");
    expect(deletes.map((request) => request.path.endsWith(`/${uid}`))).toEqual([true, true]);
    expect(sim.cloud66.listActions(stack.stackId)).toHaveLength(1);
  });
});
