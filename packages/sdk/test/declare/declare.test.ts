// The declarative core against the simulator, through the facade: plan, apply, import, convergence
// after faults, protected users, and the checks that refuse a declaration before anything is sent.
import { DEFAULT_TOKEN } from "@dbusers/simulator";
import { startTestSimulator } from "@dbusers/testing";
import { describe, expect, it } from "vitest";
import { apply, type DesiredUser, hasDifferences, importDeclaration, plan } from "../../src/declare.ts";
import { createDatabaseUsers, ValidationError } from "../../src/index.ts";

const { sim, handled } = await startTestSimulator();

function digitalOceanTarget(engine: "pg" | "mongodb" = "pg", names: string[] = []) {
  const cluster = sim.digitalocean.addCluster({ engine, users: names.map((name) => ({ name })) });
  const users = createDatabaseUsers({
    provider: "digitalocean",
    token: DEFAULT_TOKEN,
    clusterId: cluster.id,
    baseUrl: sim.urls.digitalocean,
  });
  return { cluster, users };
}

describe("plan", () => {
  it("creates what is missing, updates settings in place, reports drift and leaves undeclared users alone", async () => {
    const { cluster, users } = digitalOceanTarget("pg", ["app", "legacy"]);
    const desired: DesiredUser[] = [
      { name: "app", digitalocean: { settings: { pg_allow_replication: true } } },
      { name: "reporting" },
    ];
    const result = await plan({ users, desired });
    expect(result.changes.map((change) => [change.action, change.name])).toEqual([
      ["create", "reporting"],
      ["update", "app"],
    ]);
    expect(result.unmanaged).toEqual(["legacy"]);
    expect(result.protectedUsers).toEqual(["doadmin"]);
    expect(hasDifferences(result)).toBe(true);
    // Planning sends nothing but the listing.
    expect(handled.map((request) => request.operationId)).toEqual(["databases_list_users"]);
    expect(sim.digitalocean.listUsers(cluster.id).map((user) => user.name)).toEqual([
      "doadmin",
      "app",
      "legacy",
    ]);
  });

  it("plans deletes only with prune, and never of a protected user", async () => {
    const { users } = digitalOceanTarget("pg", ["legacy"]);
    const kept = await plan({ users, desired: [] });
    expect(kept.changes).toEqual([]);
    const pruned = await plan({ users, desired: [] }, { prune: true });
    expect(pruned.changes.map((change) => [change.action, change.name])).toEqual([["delete", "legacy"]]);
    expect(pruned.protectedUsers).toEqual(["doadmin"]);
  });

  it("reports a read-only difference as drift, which apply does not touch", async () => {
    const database = sim.scalingo.addDatabase({ engine: "postgresql" });
    sim.scalingo.addUser(database.id, { name: "reader", read_only: false });
    const users = createDatabaseUsers({
      provider: "scalingo",
      token: DEFAULT_TOKEN,
      dbApiUrl: sim.urls.scalingo,
      databaseId: database.id,
    });
    const result = await plan({ users, desired: [{ name: "reader", readOnly: true }] });
    expect(result.changes).toEqual([]);
    expect(result.drift).toEqual([
      expect.objectContaining({
        name: "reader",
        fields: [{ field: "readOnly", actual: false, desired: true }],
      }),
    ]);
    expect(hasDifferences(result)).toBe(true);
  });

  it("refuses a declaration with every problem named, before anything is sent", async () => {
    const { users } = digitalOceanTarget();
    const desired = [
      { name: "a" },
      { name: "a" },
      { name: "b", hostup: { privileges: { shop: ["SELECT" as const] } } },
      { name: "c", databases: ["x"] },
    ];
    const error = await plan({ users, desired }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues?.map((issue) => issue.path)).toEqual([
      "users.1.name",
      "users.2.hostup",
      "users.3.databases",
    ]);
    expect(handled).toEqual([]);
  });
});

describe("apply", () => {
  it("converges: a plan made after apply is empty, and the passwords it returns are the users'", async () => {
    const { cluster, users } = digitalOceanTarget("pg", ["app"]);
    const target = {
      users,
      desired: [
        { name: "app", digitalocean: { settings: { pg_allow_replication: true } } },
        { name: "reporting" },
      ],
    };
    const result = await apply(target, await plan(target));
    expect(result.ok).toBe(true);
    const created = result.results.find((r) => r.change.action === "create");
    expect(created?.password?.reveal()).toBe(sim.digitalocean.getUser(cluster.id, "reporting")?.password);
    expect(sim.digitalocean.getUser(cluster.id, "app")?.settings?.pg_allow_replication).toBe(true);
    expect(hasDifferences(await plan(target))).toBe(false);
  });

  it("reports an answer lost with a 5xx as unknown, and a second run converges", async () => {
    const { cluster, users } = digitalOceanTarget();
    const target = { users, desired: [{ name: "one" }, { name: "two" }] };
    sim.failNext({ status: 500, operationId: "databases_add_user", count: 5 });
    const first = await apply(target, await plan(target));
    expect(first.ok).toBe(false);
    expect(first.results.map((r) => r.status)).toContain("unknown");
    const unknown = first.results.find((r) => r.status === "unknown");
    expect(unknown?.error?.outcome).toBe("unknown");
    expect(unknown?.error?.step).toEqual(expect.any(String));
    sim.clearFaults();
    const second = await apply(target, await plan(target));
    expect(second.ok).toBe(true);
    expect(hasDifferences(await plan(target))).toBe(false);
    expect(
      sim.digitalocean
        .listUsers(cluster.id)
        .map((u) => u.name)
        .sort(),
    ).toEqual(["doadmin", "one", "two"]);
  });

  it("deletes with prune, and keeps the primary user", async () => {
    const { cluster, users } = digitalOceanTarget("pg", ["legacy"]);
    const target = { users, desired: [] };
    const result = await apply(target, await plan(target, { prune: true }));
    expect(result.ok).toBe(true);
    expect(sim.digitalocean.listUsers(cluster.id).map((user) => user.name)).toEqual(["doadmin"]);
  });

  it("grants HostUp privileges at creation, and again with regrant", async () => {
    const account = sim.hostup.addAccount({ databases: ["abcde_shop"] });
    const users = createDatabaseUsers({
      provider: "hostup",
      token: DEFAULT_TOKEN,
      accountId: account.id,
      baseUrl: sim.urls.hostup,
    });
    const target = {
      users,
      desired: [{ name: "shop", hostup: { privileges: { abcde_shop: ["SELECT" as const] } } }],
    };
    expect((await apply(target, await plan(target))).ok).toBe(true);
    expect(sim.hostup.getUser(account.id, "shop")?.privileges).toEqual({ abcde_shop: ["SELECT"] });
    const again = await plan(target);
    expect(again.changes).toEqual([]);
    expect(again.notes.join(" ")).toMatch(/reports no privileges/);
    const regrant = await plan(target, { regrant: true });
    expect(regrant.changes.map((change) => change.action)).toEqual(["update"]);
    expect((await apply(target, regrant)).ok).toBe(true);
  });
});

describe("importDeclaration", () => {
  it("writes the users of a target (protected aside) as a declaration that plans nothing", async () => {
    const { users } = digitalOceanTarget("mongodb", ["app"]);
    const imported = await importDeclaration(users);
    expect(imported.users.map((user) => user.name)).toEqual(["app"]);
    expect(imported.protectedUsers).toEqual(["doadmin"]);
    expect(imported.users[0]?.digitalocean?.settings?.mongo_user_settings).toBeDefined();
    const result = await plan({ users, desired: imported.users }, { prune: true });
    expect(hasDifferences(result)).toBe(false);
  });
});
