// How the Scalingo adapter plugs into the shared conformance suite: one fresh database per scope, the
// adapter running the token flow with an API token of its own, on either routing.
import { randomBytes } from "node:crypto";
import type { ScalingoEngine } from "@dbusers/simulator";
import type { ConformanceFixture } from "@dbusers/testing";
import { createScalingoUsers, type ScalingoRouting } from "../../src/index.ts";

const API_TOKEN = `tk-us-${randomBytes(24).toString("hex")}`;

interface ListBody {
  "database-users": Array<Record<string, unknown>>;
}

export function scalingoFixture(
  routing: ScalingoRouting,
  engine: ScalingoEngine,
  name: string,
): ConformanceFixture {
  let counter = 0;
  return {
    name,
    vendor: "scalingo",
    token: API_TOKEN,
    simulator: { tokens: { [API_TOKEN]: ["*"] }, defaultToken: false },
    operations: {
      list: "database_list_users",
      create: "database_create_user",
      resetPassword: "database_user_reset_password",
      delete: "database_delete_user",
    },
    // A plain-text 429 and no header saying how long to wait.
    throttle: { status: 429 },
    throttleRetryHint: false,
    // These would leave the user's path segment, whatever the user.
    invalidNames: ["", "   ", "a/b", "a\\b", ".", ".."],
    // Scalingo's rules for new names; older users and the protected owner may break them.
    invalidNewNames: [
      "short",
      "a".repeat(33),
      "Upper-case",
      "my_user",
      "-leading",
      "trailing-",
      "two--hyphens",
    ],
    validPassword: "Chosen-password-0123456789",
    invalidPasswords: ["", "x".repeat(23), "x".repeat(65)],
    listCorruptions: {
      notAList: (body) => ({ ...(body as ListBody), "database-users": "nope" }),
      userWithoutName: (body) => ({
        "database-users": (body as ListBody)["database-users"].map(({ name: _name, ...rest }, i) =>
          i === 0 ? rest : { name: _name, ...rest },
        ),
      }),
    },
    // Scalingo lists every user in one answer.
    manyUsers: 60,
    scope(sim) {
      const database = sim.scalingo.addDatabase({ engine });
      const stored = (user: string) => sim.scalingo.getUser(database.id, user);
      return {
        users: (overrides) =>
          createScalingoUsers({
            apiToken: API_TOKEN,
            appId: database.appId,
            addonId: database.id,
            routing,
            baseUrl: sim.urls.scalingo,
            ...overrides,
          }),
        newName: () => `app-user-${++counter}`,
        seedUsers: (names) => {
          for (const user of names) sim.scalingo.addUser(database.id, { name: user });
        },
        storedNames: () => sim.scalingo.listUsers(database.id).map((user) => user.name),
        storedPassword: (user) => stored(user)?.password,
        storedReadOnly: (user) => stored(user)?.read_only,
      };
    },
  };
}
