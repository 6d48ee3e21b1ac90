// How the Cloud66 adapter plugs into the shared conformance suite: one fresh stack per scope, with a
// MySQL server group holding one database.
import { randomBytes } from "node:crypto";
import type { ConformanceFixture } from "@dbusers/testing";
import { createCloud66Users } from "../../src/index.ts";

const TOKEN = randomBytes(32).toString("hex");
const DATABASE = { uid: "db_conformance", name: "app_production" };

interface ListBody {
  response: Array<Record<string, unknown>>;
}

export const cloud66Fixture: ConformanceFixture = {
  name: "Cloud66 (MySQL server group)",
  vendor: "cloud66",
  token: TOKEN,
  // Reading needs `public`, changing `admin`; the simulator does not let one imply the other.
  simulator: { tokens: { [TOKEN]: ["public", "admin"] }, defaultToken: false },
  operations: {
    list: "database_users_list",
    create: "database_users_create",
    resetPassword: "database_users_regenerate_password",
    delete: "database_users_delete",
  },
  // A scripted 503 is the simulator's `503 throttled`.
  throttle: { status: 503 },
  // Cloud66 says only "retry in the next hourly interval": no hint to wait by, the adapter backs off.
  throttleRetryHint: false,
  // Cloud66 publishes no rules for names (they are never part of a path: the uid is); blank ones are refused.
  invalidNames: ["", "   ", "\t\n"],
  databasesInput: { databases: [DATABASE.uid] },
  listCorruptions: {
    notAList: (body) => ({ ...(body as ListBody), response: "nope" }),
    userWithoutName: (body) => ({
      ...(body as ListBody),
      response: (body as ListBody).response.map(({ username, ...rest }, i) =>
        i === 0 ? rest : { username, ...rest },
      ),
    }),
  },
  // More than 17 pages of 30.
  manyUsers: 510,
  scope(sim) {
    // Actions finish as soon as anything reads the stack after they were queued, as fast as Cloud66 can
    // be: the suite's lost-answer creates then find their user. Slower actions are Cloud66's own tests.
    const stack = sim.cloud66.addStack({
      serverGroups: [{ databases: [DATABASE] }],
      actions: { afterMs: 0 },
    });
    const groupId = stack.serverGroups[0]?.id ?? 0;
    const stored = (username: string) => sim.cloud66.getUser(stack.uid, groupId, username);
    let counter = 0;
    return {
      users: (overrides) =>
        createCloud66Users({
          token: TOKEN,
          stackId: stack.uid,
          serverGroupId: groupId,
          baseUrl: sim.urls.cloud66,
          wait: { minDelayMs: 1, maxDelayMs: 5 },
          ...overrides,
        }),
      newName: () => `user_${++counter}`,
      seedUsers: (names) => {
        for (const username of names) sim.cloud66.addUser(stack.uid, groupId, { username });
      },
      storedNames: () => sim.cloud66.listUsers(stack.uid, groupId).map((user) => user.username),
      storedPassword: (username) => stored(username)?.password,
      storedReadOnly: (username) => stored(username)?.user_type === "readonly",
    };
  },
};
