// How the DigitalOcean adapter plugs into the shared conformance suite: one fresh cluster per scope.
import { randomBytes } from "node:crypto";
import type { ConformanceFixture } from "@dbusers/testing";
import { createDigitalOceanUsers, type DigitalOceanEngine } from "../../src/index.ts";

const TOKEN = `dop_v1_${randomBytes(24).toString("hex")}`;

interface ListBody {
  users: Array<Record<string, unknown>>;
}

export function digitalOceanFixture(engine: DigitalOceanEngine, name: string): ConformanceFixture {
  let counter = 0;
  return {
    name,
    vendor: "digitalocean",
    token: TOKEN,
    simulator: { tokens: { [TOKEN]: ["*"] }, defaultToken: false },
    operations: {
      list: "databases_list_users",
      create: "databases_add_user",
      resetPassword: "databases_reset_auth",
      delete: "databases_delete_user",
    },
    throttle: { status: 429 },
    // DigitalOcean publishes no name rules; these would leave the user's path segment.
    invalidNames: ["", "   ", "a/b", "a\\b", ".", ".."],
    listCorruptions: {
      notAList: (body) => ({ ...(body as ListBody), users: "nope" }),
      userWithoutName: (body) => ({
        users: (body as ListBody).users.map(({ name: _name, ...rest }, i) =>
          i === 0 ? rest : { name: _name, ...rest },
        ),
      }),
    },
    // DigitalOcean lists every user in one answer.
    manyUsers: 60,
    scope(sim) {
      const cluster = sim.digitalocean.addCluster({ engine });
      const stored = (user: string) => sim.digitalocean.getUser(cluster.id, user);
      return {
        users: (overrides) =>
          createDigitalOceanUsers({
            token: TOKEN,
            clusterId: cluster.id,
            engine,
            baseUrl: sim.urls.digitalocean,
            ...overrides,
          }),
        newName: () => `user-${++counter}`,
        seedUsers: (names) => {
          for (const user of names) sim.digitalocean.addUser(cluster.id, { name: user });
        },
        storedNames: () => sim.digitalocean.listUsers(cluster.id).map((user) => user.name),
        storedPassword: (user) => stored(user)?.password,
        storedReadOnly: (user) => stored(user)?.settings?.mongo_user_settings?.role === "readOnly",
      };
    },
  };
}
