// What HostUp answers when the real server refuses a change, and that the change is then undone. The
// spec's enum keeps unknown privilege names from the server, so a server that refuses one is faked here.
import { describe, expect, it } from "vitest";
import { RealClusters } from "../../src/databases/real-clusters.ts";
import { DatabaseBackendError, type MysqlCluster } from "../../src/databases/types.ts";
import { RealHostUpUsers } from "../../src/vendors/hostup/real-databases.ts";
import { HostUpState } from "../../src/vendors/hostup/state.ts";

/** A cluster that has every user asked for but refuses every grant as the server would `kind`. */
function refusingCluster(kind: DatabaseBackendError["kind"]): MysqlCluster {
  const users = new Set<string>();
  const refuse = async () => {
    throw new DatabaseBackendError(kind, 'unknown MySQL privilege "FLY"');
  };
  return {
    engine: "mysql",
    createDatabase: async () => {},
    createUser: async (name) => {
      users.add(name);
    },
    setPassword: async () => {},
    setAccess: async () => {},
    dropUser: async (name) => {
      users.delete(name);
    },
    listUsers: async () => [...users].sort(),
    connection: (user, database) => ({ host: "127.0.0.1", port: 3306, user, database }),
    drop: async () => {},
    grantPrivileges: refuse,
    revokePrivileges: refuse,
  };
}

const silent = { info: () => {}, warn: () => {}, error: () => {} };

async function accountOn(kind: DatabaseBackendError["kind"]) {
  const cluster = refusingCluster(kind);
  const real = new RealClusters(
    { mysql: { engine: "mysql", createCluster: async () => cluster, close: async () => {} } },
    silent,
  );
  const state = new HostUpState();
  const { id } = state.addAccount({ databases: ["shop"] });
  real.add(id, "mysql", { database: "shop" });
  const users = new RealHostUpUsers(state, real);
  await users.createUser(id, "reporting", "Vq7mK2xTz9pLw4Rn");
  return { id, state, users };
}

describe("HostUp on a real server that refuses a grant", () => {
  it("answers an unknown privilege with the 400 field error on /privileges, and keeps no grant", async () => {
    const { id, state, users } = await accountOn("unknown_privilege");
    await expect(users.grant(id, "reporting", "shop", ["SELECT"])).rejects.toMatchObject({
      status: 400,
      code: "invalid_request",
      fieldErrors: [{ pointer: "/privileges", code: "invalid_request" }],
    });
    expect(state.findUser(id, "reporting")?.privileges).toEqual({});
  });

  it("lets any other refusal through as it is (a 500), and keeps no grant", async () => {
    const { id, state, users } = await accountOn("failed");
    await expect(users.grant(id, "reporting", "shop", ["SELECT"])).rejects.toBeInstanceOf(
      DatabaseBackendError,
    );
    expect(state.findUser(id, "reporting")?.privileges).toEqual({});
  });
});
