import { describe, expect, it } from "vitest";
import { DEFAULT_TOKEN, SCALINGO_DEMO_SEED } from "../../src/index.ts";
import { start } from "../helpers.ts";
import { scalingoApi } from "./api.ts";

const shape = (sim: Awaited<ReturnType<typeof start>>) =>
  sim.scalingo.listDatabases().map((database) => ({
    id: database.id,
    appId: database.appId,
    engine: database.engine,
    users: database.users.map((user) => [user.name, user.protected, user.read_only]),
  }));

describe("Scalingo seeds and control handle", () => {
  it('seed "demo": app my-app with a PostgreSQL and a MySQL database, restored by reset()', async () => {
    const sim = await start({ seed: "demo" });
    const demo = [
      {
        id: "ad-3f1d7c52-8b4e-4f0a-9d6e-2c5b7a9e1f04",
        appId: "my-app",
        engine: "postgresql",
        users: [
          ["my_app_4553", true, false],
          ["metabase", false, true],
        ],
      },
      {
        id: SCALINGO_DEMO_SEED.databases?.[1]?.id,
        appId: "my-app",
        engine: "mysql",
        users: [
          ["my_app_7816", true, false],
          ["reporting", false, true],
        ],
      },
    ];
    expect(shape(sim)).toEqual(demo);

    const db = scalingoApi(sim).database(demo[0]?.id ?? "", DEFAULT_TOKEN);
    await db.create({ name: "temporary" });
    await db.remove("metabase");
    sim.scalingo.addDatabase();
    sim.scalingo.setUserShape("bare");
    sim.reset();
    expect(shape(sim)).toEqual(demo);
    expect((await db.create({ name: "after-reset" })).body.database_user.name).toBe("after-reset");
  });

  it("explicit seeds set ids, names, owners' and users' passwords", async () => {
    const sim = await start({
      seed: {
        scalingo: {
          databases: [
            {
              id: "ad-fixed",
              appId: "shop",
              name: "shop_1234",
              engine: "mongodb",
              users: [
                { name: "shop_1234", password: "owner-password" },
                { name: "old_user", password: "legacy-password", read_only: true },
              ],
            },
          ],
        },
      },
    });
    expect(sim.scalingo.listUsers("ad-fixed")).toEqual([
      { name: "shop_1234", read_only: false, protected: true, password: "owner-password" },
      { name: "old_user", read_only: true, protected: false, password: "legacy-password" },
    ]);
    sim.scalingo.clear();
    expect(sim.scalingo.listDatabases()).toEqual([]);
    expect(sim.scalingo.listUsers("ad-fixed")).toEqual([]);
    expect(() => sim.scalingo.addUser("ad-fixed", { name: "nobody" })).toThrow(/no Scalingo database/);
    expect(() => sim.scalingo.addDatabase({ engine: "redis" as never })).toThrow(/unknown engine/);
  });
});
