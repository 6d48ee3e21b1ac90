// Cloud 66 server groups on real servers: a user is a login once its action finishes, a readonly one may
// not write, a regenerated password replaces the old one and a deleted user can no longer log in.
import { describe, expect, it } from "vitest";
import type { Cloud66Engine } from "../../src/index.ts";
import { realDatabasesSimulator } from "../databases/real-simulator.ts";
import { asUser, codeOf, type Driver, mysqlDriver, postgresDriver } from "../databases/sessions.ts";
import { cloud66Api } from "./api.ts";

const real = realDatabasesSimulator();

const engines: Array<[Cloud66Engine, Driver]> = [
  ["mysql", mysqlDriver],
  ["postgresql", postgresDriver],
];

describe.each(engines)("Cloud 66 %s server group on a real server", (engine, driver) => {
  /** A group with one database and an owner that made a table there; actions finish on their first poll. */
  async function group() {
    const stack = real.sim.cloud66.addStack({
      serverGroups: [
        {
          engine,
          databases: [{ uid: "db_abc123", name: "app_production" }],
          users: [{ username: "owner", password: "Owner-password-1", database_ids: ["db_abc123"] }],
        },
      ],
      actions: { polls: 0 },
    });
    const groupId = stack.serverGroups[0]?.id ?? 0;
    const api = cloud66Api(real.sim, stack.uid, groupId);
    const as = async (username: string, password: string, sql: string) =>
      asUser(
        driver,
        await real.sim.cloud66.connection(stack.uid, groupId, username, "app_production"),
        password,
        sql,
      );
    await as("owner", "Owner-password-1", "CREATE TABLE items (id INT)");
    await as("owner", "Owner-password-1", "INSERT INTO items VALUES (1)");
    /** The user as listed with its password, once the action `answer` started has finished. */
    const finished = async (answer: { body: { response: { id: number } } }, username: string) => {
      expect((await api.action(answer.body.response.id)).body.response.status).toBe("completed");
      const users = (await api.list({ show_password: "true" })).body.response as Array<{
        username: string;
        password: string;
        uid: string;
      }>;
      return users.find((user) => user.username === username);
    };
    return { api, as, finished };
  }

  it("creates logins when the action finishes: readonly ones may read but not write", async () => {
    const { api, as, finished } = await group();
    const reader = await finished(
      await api.create({ username: "reader", database_ids: ["db_abc123"], user_type: "readonly" }),
      "reader",
    );
    expect(await as("reader", reader?.password ?? "", "SELECT id FROM items")).toEqual([{ id: 1 }]);
    expect(await codeOf(as("reader", reader?.password ?? "", "INSERT INTO items VALUES (2)"))).toBe(
      driver.denied,
    );
    const writer = await finished(
      await api.create({ username: "writer", database_ids: ["db_abc123"] }),
      "writer",
    );
    expect(await as("writer", writer?.password ?? "", "INSERT INTO items VALUES (2)")).toEqual([]);
  });

  it("regenerates the password (the old one refused) and deletes the login", async () => {
    const { api, as, finished } = await group();
    const before = await finished(await api.create({ username: "app", database_ids: ["db_abc123"] }), "app");
    const after = await finished(await api.regenerate(before?.uid ?? ""), "app");
    expect(after?.password).not.toBe(before?.password);
    expect(await codeOf(as("app", before?.password ?? "", "SELECT 1"))).toBe(driver.refusedLogin);
    expect(await as("app", after?.password ?? "", "SELECT 1 AS one")).toEqual([{ one: 1 }]);

    expect(await finished(await api.remove(before?.uid ?? ""), "app")).toBeUndefined();
    expect(await codeOf(as("app", after?.password ?? "", "SELECT 1"))).toBe(driver.refusedLogin);
  });
});

describe.each(engines)(
  "Cloud 66 %s: an action says completed once the real server agrees",
  (engine, driver) => {
    /**
     * A group whose actions finish on their first poll, and a real server kept busy with other changes
     * (users another client added), so that a change carried out after its action's answer would show.
     */
    async function busyGroup() {
      const stack = real.sim.cloud66.addStack({
        serverGroups: [{ engine, databases: [{ uid: "db_abc123", name: "app_production" }] }],
        actions: { polls: 0 },
      });
      const groupId = stack.serverGroups[0]?.id ?? 0;
      const api = cloud66Api(real.sim, stack.uid, groupId);
      let others = 0;
      const busy = () => {
        for (let i = 0; i < 5; i++)
          real.sim.cloud66.addUser(stack.uid, groupId, { username: `other_${++others}` });
      };
      /** Where `username` logs in, asked once: later logins do not wait for anything. */
      const address = (username: string) =>
        real.sim.cloud66.connection(stack.uid, groupId, username, "app_production");
      const completed = async (answer: { body: { response: { id: number } } }) =>
        expect((await api.action(answer.body.response.id)).body.response.status).toBe("completed");
      const listed = async (username: string) =>
        (
          (await api.list({ show_password: "true" })).body.response as Array<{
            username: string;
            password: string;
            uid: string;
          }>
        ).find((user) => user.username === username);
      return { api, busy, address, completed, listed };
    }

    it("a deleted user can no longer log in as soon as the poll says completed", async () => {
      const { api, busy, address, completed, listed } = await busyGroup();
      await completed(await api.create({ username: "app", database_ids: ["db_abc123"] }));
      // Asked once, after the create is carried out: the login below waits for nothing.
      const login = await address("app");
      const user = await listed("app");
      expect(await asUser(driver, login, user?.password ?? "", "SELECT 1 AS one")).toEqual([{ one: 1 }]);

      const removed = await api.remove(user?.uid ?? "");
      busy();
      await completed(removed);
      expect(await codeOf(asUser(driver, login, user?.password ?? "", "SELECT 1"))).toBe(driver.refusedLogin);
    });
  },
);

describe("Cloud 66 groups without databases", () => {
  it("stay in memory", async () => {
    const stack = real.sim.cloud66.addStack({ serverGroups: [{ name: "web", databaseOperations: false }] });
    const groupId = stack.serverGroups[0]?.id ?? 0;
    await expect(real.sim.cloud66.connection(stack.uid, groupId, "app", "app_production")).rejects.toThrow(
      /kept in memory/,
    );
  });
});
