// Tokens and scopes: DigitalOcean hands out passwords only to tokens with database:view_credentials,
// and refuses operations outside a token's scopes.
import { inspect } from "node:util";
import { AuthenticationError, PermissionError } from "@dbusers/core";
import { describe, expect, it } from "vitest";
import { adapterFor, rejectionOf, startTestSimulator, summary } from "./harness.ts";

const NO_CREDENTIALS = "dop_v1_no_view_credentials";
const READ_ONLY = "dop_v1_read_only";
const { sim } = await startTestSimulator({
  tokens: {
    [NO_CREDENTIALS]: ["database:read", "database:create", "database:update", "database:delete"],
    [READ_ONLY]: ["database:read", "database:view_credentials"],
  },
});

describe("DigitalOcean adapter: a token without database:view_credentials", () => {
  it("list and get work, and no password appears anywhere", async () => {
    const { id } = sim.digitalocean.addCluster({ engine: "pg", users: [{ name: "app-01" }] });
    const { users } = adapterFor(sim, id, { token: NO_CREDENTIALS });
    const passwords = sim.digitalocean.listUsers(id).map((user) => user.password);

    const listed = await users.list();
    const got = await users.get("app-01");
    expect(listed.map((user) => user.name)).toEqual(["doadmin", "app-01"]);
    for (const value of [listed, got]) {
      const printed = `${JSON.stringify(value)}\n${inspect(value, { depth: null })}`;
      for (const password of passwords) expect(printed).not.toContain(password);
    }
    // DigitalOcean itself left the password out (the raw client sees the wire format).
    const { data } = await users.client.GET("/v2/databases/{database_cluster_uuid}/users", {
      params: { path: { database_cluster_uuid: id } },
    });
    expect(data?.users?.map((user) => user.password)).toEqual([undefined, undefined]);
  });

  it("create rejects with a PermissionError naming the scope, although the user was created", async () => {
    const { id } = sim.digitalocean.addCluster({ engine: "pg" });
    const { users, requests } = adapterFor(sim, id, { token: NO_CREDENTIALS });

    const error = await rejectionOf(users.create({ name: "app-01" }));
    expect(error).toBeInstanceOf(PermissionError);
    expect(error).toMatchObject({ provider: "digitalocean", code: "permission_denied" });
    const { message } = error as PermissionError;
    expect(message).toMatch(/database:view_credentials/);
    expect(message).toMatch(/succeeded/);
    expect(message).toMatch(/resetPassword/);
    // The create did happen (once): the error must not make the caller believe otherwise.
    expect(sim.digitalocean.getUser(id, "app-01")).toMatchObject({ name: "app-01", role: "normal" });
    expect((await users.get("app-01")).name).toBe("app-01");
    expect(summary(requests, id)).toEqual([
      "GET /v2/databases/{id}/users/app-01",
      "POST /v2/databases/{id}/users",
      "GET /v2/databases/{id}/users/app-01",
    ]);
  });

  it("resetPassword rejects with a PermissionError, although the password was rotated", async () => {
    const { id } = sim.digitalocean.addCluster({
      engine: "pg",
      users: [{ name: "app-01", password: "before" }],
    });
    const { users } = adapterFor(sim, id, { token: NO_CREDENTIALS });
    const error = await rejectionOf(users.resetPassword("app-01"));
    expect(error).toBeInstanceOf(PermissionError);
    expect((error as Error).message).toMatch(
      /password reset of user "app-01" succeeded.*database:view_credentials/,
    );
    expect(sim.digitalocean.getUser(id, "app-01")?.password).not.toBe("before");
  });

  it("updateSettings and delete need no credentials scope", async () => {
    const { id } = sim.digitalocean.addCluster({ engine: "pg", users: [{ name: "app-01" }] });
    const { users } = adapterFor(sim, id, { token: NO_CREDENTIALS });
    const updated = await users.updateSettings("app-01", { pg_allow_replication: true });
    expect(updated.raw.settings).toEqual({ pg_allow_replication: true });
    await users.delete("app-01");
    expect(sim.digitalocean.getUser(id, "app-01")).toBeUndefined();
  });
});

describe("DigitalOcean adapter: scopes and tokens", () => {
  it("a read-only token can list, and gets a 403 PermissionError (not retried) for writes", async () => {
    const { id } = sim.digitalocean.addCluster({ engine: "pg", users: [{ name: "app-01" }] });
    const { users, requests } = adapterFor(sim, id, { token: READ_ONLY });
    expect(await users.list()).toHaveLength(2);
    for (const call of [
      () => users.create({ name: "app-02" }),
      () => users.resetPassword("app-01"),
      () => users.updateSettings("app-01", { pg_allow_replication: true }),
      () => users.delete("app-01"),
    ]) {
      const error = await rejectionOf(call());
      expect(error).toBeInstanceOf(PermissionError);
      expect(error).toMatchObject({ status: 403, vendorCode: "forbidden", requestId: expect.any(String) });
    }
    // The list, the lookup before the create, and one refused request per mutation.
    expect(requests).toHaveLength(6);
    expect(sim.digitalocean.listUsers(id).map((user) => user.name)).toEqual(["doadmin", "app-01"]);
  });

  it("an unknown token is an AuthenticationError (401), not retried", async () => {
    const { id } = sim.digitalocean.addCluster({ engine: "pg" });
    const { users, requests } = adapterFor(sim, id, { token: "dop_v1_revoked" });
    const error = await rejectionOf(users.list());
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ status: 401, vendorCode: "unauthorized", code: "authentication_failed" });
    expect(requests).toHaveLength(1);
  });
});
