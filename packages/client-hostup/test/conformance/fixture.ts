// How the HostUp adapter plugs into the shared conformance suite: one fresh account per scope.
import { randomBytes } from "node:crypto";
import type { ConformanceFixture } from "@dbusers/testing";
import { createHostUpUsers } from "../../src/index.ts";

const TOKEN = `hostup_${randomBytes(24).toString("hex")}`;

interface ListBody {
  databaseUsers: Array<Record<string, unknown>>;
}

export function hostUpFixture(): ConformanceFixture {
  let counter = 0;
  return {
    name: "HostUp (shared-hosting account)",
    vendor: "hostup",
    token: TOKEN,
    simulator: { tokens: { [TOKEN]: ["*"] }, defaultToken: false },
    operations: {
      list: "list_database_users",
      create: "create_database_user",
      resetPassword: "reset_database_user_password",
      delete: "delete_database_user",
    },
    throttle: { status: 429 },
    // Names every operation refuses: a lookup key (a name or a dbu_ id) must stay one path segment.
    // create's stricter rule (letters, digits, underscores, 64 at most) is test/users/validation.test.ts's.
    invalidNames: ["", "   ", "a/b", "a\\b", ".", ".."],
    validPassword: "Chosen-Passw0rd-2026",
    invalidPasswords: [
      "Sh0rt",
      "no-upper-case-0",
      "NO-LOWER-CASE-0",
      "No-Digits-Here",
      `Aa0${"x".repeat(126)}`,
    ],
    listCorruptions: {
      notAList: (body) => ({ ...(body as ListBody), databaseUsers: "nope" }),
      userWithoutName: (body) => ({
        databaseUsers: (body as ListBody).databaseUsers.map(({ username, ...rest }, i) =>
          i === 0 ? rest : { username, ...rest },
        ),
      }),
    },
    // HostUp lists every user in one answer.
    manyUsers: 60,
    scope(sim) {
      const account = sim.hostup.addAccount();
      return {
        users: (overrides) =>
          createHostUpUsers({ token: TOKEN, accountId: account.id, baseUrl: sim.urls.hostup, ...overrides }),
        newName: () => `user_${++counter}`,
        seedUsers: (names) => {
          for (const username of names) sim.hostup.addUser(account.id, { username });
        },
        storedNames: () => sim.hostup.listUsers(account.id).map((user) => user.username),
        storedPassword: (name) => sim.hostup.getUser(account.id, name)?.password,
        // HostUp users have no read-only flag: what a user may do is its privileges.
        storedReadOnly: () => false,
      };
    },
  };
}
