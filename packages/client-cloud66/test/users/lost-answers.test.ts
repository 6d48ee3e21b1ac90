// Mutations whose answer is lost or cannot be read, with actions that take their time. A 2xx that
// cannot be read proves Cloud66 queued the action: the adapter follows its effect instead. A lost
// answer proves nothing: a create is never re-sent, its effect is followed until the wait's time limit
// (one look with { wait: false }). (The shared conformance suite covers the same faults with actions
// that finish at once.)
import { UnavailableError } from "@dbusers/core";
import { describe, expect, it } from "vitest";
import { adapterFor, addStack, handledOf, rejectionOf, startTestSimulator } from "./harness.ts";

const { sim, handled } = await startTestSimulator();

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

describe("Cloud66 adapter: a create's answer", () => {
  it.each([
    ["cut short (2xx)", { truncate: true }],
    ["lost after Cloud66 queued it", { drop: "after-handling" }],
  ] as const)(
    "%s, action still running: followed until the user shows in the list, with a working password",
    async (_, fault) => {
      const stack = heldStack();
      const { users } = adapterFor(sim, stack, { wait: { minDelayMs: 20, maxDelayMs: 40 } });
      sim.failNext({ vendor: "cloud66", operationId: "database_users_create", ...fault });
      const creating = users.create({ name: "app" });
      // Cloud 66 finishes the action only after the adapter has looked once and not found the user.
      await listed(1);
      sim.cloud66.finishActions(stack.stackId);
      const { user, password } = await creating;
      const stored = sim.cloud66.getUser(stack.stackId, stack.groupId, "app");
      expect(user.id).toBe(stored?.uid);
      expect(password.reveal()).toBe(stored?.password);
      // Not re-sent, and followed: listed again until the user showed up. The action could not be
      // polled (its id was in the lost answer).
      expect(handledOf(handled, "database_users_create")).toHaveLength(1);
      expect(handledOf(handled, "database_users_list").length).toBeGreaterThan(1);
      expect(handledOf(handled, "stack_actions_get")).toHaveLength(0);
    },
  );

  it("cut short with { wait: false }: the operation has no action id, and wait() follows the effect", async () => {
    const stack = heldStack();
    const { users } = adapterFor(sim, stack, { wait: { minDelayMs: 20, maxDelayMs: 40 } });
    sim.failNext({ vendor: "cloud66", operationId: "database_users_create", truncate: true });
    const operation = await users.create({ name: "app" }, { wait: false });
    expect(operation.id).toBeUndefined();
    expect(operation.action).toBeUndefined();
    const waiting = operation.wait();
    await listed(1);
    sim.cloud66.finishActions(stack.stackId);
    const { password } = await waiting;
    expect(password.reveal()).toBe(sim.cloud66.getUser(stack.stackId, stack.groupId, "app")?.password);
  });

  it("lost before reaching Cloud66: the list is followed until the wait's time limit, then the original error", async () => {
    const stack = slowStack([], 0);
    const { users } = adapterFor(sim, stack, { wait: { minDelayMs: 20, maxDelayMs: 40, timeoutMs: 1_000 } });
    sim.failNext({ vendor: "cloud66", operationId: "database_users_create", drop: "before-handling" });
    const error = await rejectionOf(users.create({ name: "app" }));
    expect(error).toBeInstanceOf(UnavailableError);
    expect(sim.cloud66.getUser(stack.stackId, stack.groupId, "app")).toBeUndefined();
    expect(handledOf(handled, "database_users_create")).toHaveLength(0);
    expect(handledOf(handled, "database_users_list").length).toBeGreaterThan(1);
  });

  it("lost with { wait: false }: one look, the original error while the action runs, and the user later", async () => {
    const stack = heldStack();
    const { users } = adapterFor(sim, stack);
    sim.failNext({ vendor: "cloud66", operationId: "database_users_create", drop: "after-handling" });
    const error = await rejectionOf(users.create({ name: "app" }, { wait: false }));
    expect(error).toBeInstanceOf(UnavailableError);
    // Looked up once, not re-sent. Counted on this test's stack: a poll the previous test gave up on
    // can reach the simulator late on a busy machine.
    const ofThisStack = (operationId: string) =>
      handledOf(handled, operationId).filter((request) => request.line.includes(stack.stackId));
    expect(ofThisStack("database_users_create")).toHaveLength(1);
    expect(ofThisStack("database_users_list")).toHaveLength(1);
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
    await listed(1);
    controller.abort(reason);
    expect(await rejectionOf(creating)).toBe(reason);
    expect(requests.filter((request) => request.method === "POST")).toHaveLength(1);
  });
});

describe("Cloud66 adapter: an unreadable answer to resetPassword or delete", () => {
  it("resetPassword changes the password once more, so that the password returned is the one in place", async () => {
    const stack = slowStack(["app_user"], 100);
    const { users, requests } = adapterFor(sim, stack, { wait: { minDelayMs: 20, maxDelayMs: 40 } });
    sim.failNext({ vendor: "cloud66", operationId: "database_users_regenerate_password", truncate: true });
    const { password } = await users.resetPassword("app_user");
    expect(password.reveal()).toBe(sim.cloud66.getUser(stack.stackId, stack.groupId, "app_user")?.password);
    expect(requests.filter((request) => request.method === "POST")).toHaveLength(2);
    // Both changes ran, in order: the second one's password is the last.
    expect(sim.cloud66.listActions(stack.stackId).map((action) => action.finished_success)).toEqual([
      true,
      true,
    ]);
  });

  it("delete waits for the user to leave the list (its action cannot be polled)", async () => {
    const stack = slowStack(["app_user", "other"], 200);
    const { users } = adapterFor(sim, stack, { wait: { minDelayMs: 20, maxDelayMs: 40 } });
    sim.failNext({ vendor: "cloud66", operationId: "database_users_delete", truncate: true });
    await users.delete("app_user");
    expect(sim.cloud66.listUsers(stack.stackId, stack.groupId).map((user) => user.username)).toEqual([
      "other",
    ]);
    expect(handledOf(handled, "database_users_delete")).toHaveLength(1);
    expect(handledOf(handled, "stack_actions_get")).toHaveLength(0);
  });
});
