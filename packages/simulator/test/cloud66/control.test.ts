import { describe, expect, it } from "vitest";
import { CLOUD66_DEMO_SEED } from "../../src/index.ts";
import { start } from "../helpers.ts";
import { cloud66Api } from "./api.ts";

describe("Cloud66 control handle", () => {
  it("the demo seed: one stack, a MySQL group with Cloud 66's example users and databases, a web group", async () => {
    const sim = await start({ seed: "demo" });
    const [stack] = sim.cloud66.listStacks();
    expect(stack).toMatchObject({ uid: "5999b763474b0eafa5fafb64bff0ba80", name: "demo-stack" });
    expect(stack?.serverGroups.map((group) => [group.id, group.name, group.databaseOperations])).toEqual([
      [3817, "mysql", true],
      [3818, "web", false],
    ]);
    expect(
      sim.cloud66.listUsers(stack?.uid ?? "", 3817).map((user) => [user.uid, user.username, user.databases]),
    ).toEqual([
      ["user_abc123", "app_user", ["app_production", "app_staging"]],
      ["user_def456", "readonly_user", ["app_production"]],
    ]);
    expect(CLOUD66_DEMO_SEED.stacks?.[0]?.uid).toBe(stack?.uid);
    const listed = await cloud66Api(sim, stack?.uid ?? "", 3817).list();
    expect(listed.body.response.map((user: { username: string }) => user.username)).toEqual([
      "app_user",
      "readonly_user",
    ]);
  });

  it("reset() goes back to the seed; clear() removes every stack", async () => {
    const sim = await start({ seed: "demo" });
    const uid = sim.cloud66.listStacks()[0]?.uid ?? "";
    sim.cloud66.addUser(uid, 3817, { username: "extra" });
    sim.cloud66.addStack({ uid: "other" });
    sim.reset();
    expect(sim.cloud66.listStacks().map((stack) => stack.uid)).toEqual([uid]);
    expect(sim.cloud66.getUser(uid, 3817, "extra")).toBeUndefined();
    sim.cloud66.clear();
    expect(sim.cloud66.listStacks()).toEqual([]);
  });

  it("adds, reads and removes stacks, server groups and users, with the API's rules for names", async () => {
    const sim = await start();
    const stack = sim.cloud66.addStack({ uid: "s1", name: "shop" });
    expect(stack).toMatchObject({
      uid: "s1",
      name: "shop",
      serverGroups: [],
      actions: { polls: 2, afterMs: 10_000 },
    });
    const group = sim.cloud66.addServerGroup("s1", { databases: [{ uid: "db_1", name: "shop" }] });
    expect(group).toMatchObject({
      id: expect.any(Number),
      name: `mysql-${group.id}`,
      databaseOperations: true,
    });
    expect(group.userTypes).toEqual(["application", "readonly"]);
    const user = sim.cloud66.addUser("s1", group.id, {
      username: "app",
      database_ids: ["db_1"],
      password: "fixed",
    });
    expect(user).toMatchObject({
      username: "app",
      password: "fixed",
      databases: ["shop"],
      user_type: "application",
    });
    expect(sim.cloud66.getUser("s1", group.id, "app")).toEqual(user);

    expect(() => sim.cloud66.addUser("s1", group.id, { username: "app" })).toThrow(/already exists/);
    expect(() => sim.cloud66.addUser("s1", group.id, { username: "a b" })).toThrow(/Invalid username/);
    expect(() => sim.cloud66.addUser("nope", group.id, { username: "x" })).toThrow(/no Cloud 66 stack nope/);
    expect(() => sim.cloud66.addUser("s1", 424242, { username: "x" })).toThrow(/no server group 424242/);
    expect(() => sim.cloud66.addStack({ uid: "s1" })).toThrow(/already exists/);
    expect(() => sim.cloud66.addServerGroup("s1", { id: group.id })).toThrow(/already exists/);

    expect(sim.cloud66.removeUser("s1", group.id, "app")).toBe(true);
    expect(sim.cloud66.removeUser("s1", group.id, "app")).toBe(false);
    expect(sim.cloud66.listUsers("nope", 1)).toEqual([]);
    expect(sim.cloud66.removeStack("s1")).toBe(true);
    expect(sim.cloud66.getStack("s1")).toBeUndefined();
  });
});
