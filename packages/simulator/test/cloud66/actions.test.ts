import { describe, expect, it, vi } from "vitest";
import type { Cloud66ActionBehaviour, Simulator } from "../../src/index.ts";
import { start } from "../helpers.ts";
import { cloud66Api } from "./api.ts";

function stackWith(sim: Simulator, actions: Cloud66ActionBehaviour, usernames: string[] = []) {
  const stack = sim.cloud66.addStack({
    serverGroups: [{ users: usernames.map((username) => ({ username })) }],
    actions,
  });
  const groupId = stack.serverGroups[0]?.id ?? 0;
  return { stack, groupId, api: cloud66Api(sim, stack.uid, groupId) };
}

const progress = (body: { response: Record<string, unknown> }) => {
  const { status, started_at, finished_at, finished_success, finished_message } = body.response;
  return {
    status,
    started: started_at !== null,
    finished: finished_at !== null,
    finished_success,
    finished_message,
  };
};

describe("Cloud66 async actions", () => {
  it("are queued, then running for `polls` polls, then finished on the next one", async () => {
    const sim = await start();
    const { api } = stackWith(sim, { polls: 2, afterMs: 3_600_000 });
    const queued = await api.create({ username: "app" });
    expect(progress(queued.body)).toEqual({
      status: "queued",
      started: false,
      finished: false,
      finished_success: null,
      finished_message: null,
    });
    const polls = [];
    for (let i = 0; i < 4; i++) polls.push(progress((await api.action(789)).body));
    expect(polls.map((poll) => [poll.status, poll.started, poll.finished, poll.finished_success])).toEqual([
      ["running", true, false, null],
      ["running", true, false, null],
      ["completed", true, true, true],
      ["completed", true, true, true],
    ]);
    expect(sim.violations).toEqual([]);
  });

  it("finish by age, polled or not, and in the order they were queued", async () => {
    const sim = await start();
    const { stack, groupId, api } = stackWith(sim, { polls: 1_000, afterMs: 40 }, ["old"]);
    const uid = sim.cloud66.getUser(stack.uid, groupId, "old")?.uid ?? "";
    // The simulator's clock stands still until the test moves it: two requests may take longer than 40 ms.
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      await api.create({ username: "new" });
      await api.remove(uid);
      expect(sim.cloud66.listActions(stack.uid).map((action) => action.status)).toEqual(["queued", "queued"]);
      vi.setSystemTime(Date.now() + 40);
      expect(sim.cloud66.listUsers(stack.uid, groupId).map((user) => user.username)).toEqual(["new"]);
      expect(sim.cloud66.listActions(stack.uid).map((action) => action.status)).toEqual([
        "completed",
        "completed",
      ]);
    } finally {
      vi.useRealTimers();
    }
  });

  it("finish when a test says so (finishActions), in order, with their effects; fixed ones stay", async () => {
    const sim = await start();
    const { stack, groupId, api } = stackWith(sim, { polls: 1_000, afterMs: 3_600_000 });
    sim.cloud66.addAction(stack.uid, { id: 12, action: "database_user_create", state: "queued" });
    await api.create({ username: "a" });
    await api.create({ username: "b" });
    expect(sim.cloud66.listUsers(stack.uid, groupId)).toEqual([]);
    sim.cloud66.finishActions(stack.uid);
    expect(sim.cloud66.listUsers(stack.uid, groupId).map((user) => user.username)).toEqual(["a", "b"]);
    expect(sim.cloud66.listActions(stack.uid).map((action) => [action.id, action.status])).toEqual([
      [12, "queued"],
      [789, "completed"],
      [790, "completed"],
    ]);
  });

  it("finishing one action first finishes those queued before it", async () => {
    const sim = await start();
    const { stack, api } = stackWith(sim, { polls: 0, afterMs: 3_600_000 });
    await api.create({ username: "a" });
    await api.create({ username: "b" });
    // Polling the second finishes it, and the first before it.
    expect(progress((await api.action(790)).body).finished).toBe(true);
    expect(sim.cloud66.listActions(stack.uid).map((action) => [action.id, action.status])).toEqual([
      [789, "completed"],
      [790, "completed"],
    ]);
  });

  it("fail with the configured message, changing nothing, until the failure is lifted", async () => {
    const sim = await start();
    const { stack, groupId, api } = stackWith(sim, { polls: 0, failWith: "Unable to connect to db1" }, [
      "app",
    ]);
    const uid = sim.cloud66.getUser(stack.uid, groupId, "app")?.uid ?? "";
    const before = sim.cloud66.listUsers(stack.uid, groupId);
    for (const answer of [
      await api.create({ username: "x" }),
      await api.regenerate(uid),
      await api.remove(uid),
    ]) {
      const polled = progress((await api.action(answer.body.response.id)).body);
      expect(polled).toMatchObject({
        status: "failed",
        finished: true,
        finished_success: false,
        finished_message: "Unable to connect to db1",
      });
    }
    expect(sim.cloud66.listUsers(stack.uid, groupId)).toEqual(before);
    sim.cloud66.setActionBehaviour(stack.uid, { failWith: null });
    const created = await api.create({ username: "x" });
    expect(progress((await api.action(created.body.response.id)).body).finished_success).toBe(true);
    expect(sim.violations).toEqual([]);
  });

  it("a change to a user deleted meanwhile fails when it runs", async () => {
    const sim = await start();
    const { stack, groupId, api } = stackWith(sim, { polls: 0 }, ["app"]);
    const uid = sim.cloud66.getUser(stack.uid, groupId, "app")?.uid ?? "";
    const change = await api.regenerate(uid);
    sim.cloud66.removeUser(stack.uid, groupId, "app");
    expect((await api.action(change.body.response.id)).body.response).toMatchObject({
      finished_success: false,
      finished_message: `Database user ${uid} no longer exists`,
    });
  });

  it("put in place by the control handle stay in their state, whatever the polls", async () => {
    const sim = await start();
    const { stack, api } = stackWith(sim, {});
    sim.cloud66.addAction(stack.uid, { id: 12, action: "database_user_create", state: "queued" });
    sim.cloud66.addAction(stack.uid, {
      id: 13,
      action: "database_user_delete",
      resource_id: "user_a",
      state: "running",
    });
    sim.cloud66.addAction(stack.uid, {
      id: 14,
      action: "database_user_delete",
      state: "failed",
      message: "boom",
    });
    for (let i = 0; i < 3; i++) {
      expect(progress((await api.action(12)).body)).toMatchObject({ status: "queued", started: false });
      expect(progress((await api.action(13)).body)).toMatchObject({ status: "running", finished: false });
      expect(progress((await api.action(14)).body)).toMatchObject({
        finished_success: false,
        finished_message: "boom",
      });
    }
    // Ids the control handle used are skipped by the API's own actions.
    const created = await api.create({ username: "x" });
    expect(created.body.response.id).toBe(789);
    expect(() =>
      sim.cloud66.addAction(stack.uid, { id: 12, action: "database_user_create", state: "queued" }),
    ).toThrow(/already exists/);
    expect(sim.violations).toEqual([]);
  });

  it("are numbered per stack, from 789", async () => {
    const sim = await start();
    const one = stackWith(sim, {});
    const two = stackWith(sim, {});
    expect((await one.api.create({ username: "a" })).body.response.id).toBe(789);
    expect((await one.api.create({ username: "b" })).body.response.id).toBe(790);
    expect((await two.api.create({ username: "a" })).body.response.id).toBe(789);
    expect((await two.api.action(790)).status).toBe(404);
  });
});

describe("startSimulator({ instantActions: true })", () => {
  it("finishes every stack's actions on their first poll, seeded stacks and added ones alike", async () => {
    const sim = await start({ seed: "demo", instantActions: true });
    const seeded = cloud66Api(sim, "5999b763474b0eafa5fafb64bff0ba80", 3817);
    const created = await seeded.create({ username: "app" });
    expect(progress(created.body).status).toBe("queued");
    expect(progress((await seeded.action(created.body.response.id)).body)).toMatchObject({
      status: "completed",
      finished: true,
      finished_success: true,
    });
    const { api } = stackWith(sim, {});
    const other = await api.create({ username: "app" });
    expect(progress((await api.action(other.body.response.id)).body).finished).toBe(true);
  });

  it("keeps a stack's own behaviour, and sim.reset() keeps the option", async () => {
    const sim = await start({ instantActions: true });
    const { api } = stackWith(sim, { polls: 1, afterMs: 3_600_000 });
    const created = await api.create({ username: "app" });
    expect(progress((await api.action(created.body.response.id)).body).finished).toBe(false);
    sim.reset();
    const again = stackWith(sim, {});
    const action = (await again.api.create({ username: "app" })).body.response.id;
    expect(progress((await again.api.action(action)).body).finished).toBe(true);
  });

  it("is off by default: an action is still running on its first poll", async () => {
    const sim = await start({ seed: "demo" });
    const seeded = cloud66Api(sim, "5999b763474b0eafa5fafb64bff0ba80", 3817);
    const created = await seeded.create({ username: "app" });
    expect(progress((await seeded.action(created.body.response.id)).body).finished).toBe(false);
  });
});
