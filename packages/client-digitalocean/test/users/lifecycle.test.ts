// A user's whole life through the adapter, against the simulator's state: what the adapter returns
// must be what DigitalOcean (here, the simulator) actually holds.
import { ConflictError, NotFoundError, Secret, ValidationError } from "@dbusers/core";
import { describe, expect, it } from "vitest";
import type { DigitalOceanUser } from "../../src/index.ts";
import * as pkg from "../../src/index.ts";
import { adapterFor, rejectionOf, startTestSimulator, summary } from "./harness.ts";

const { sim } = await startTestSimulator();

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe("DigitalOcean adapter: user lifecycle (PostgreSQL)", () => {
  it("create → list → get → iterate → resetPassword → updateSettings → delete → NotFoundError", async () => {
    const { id } = sim.digitalocean.addCluster({ engine: "pg" });
    const { users, requests } = adapterFor(sim, id);

    // create: the user and its generated password, which is the one DigitalOcean stored.
    const created = await users.create({ name: "app-01" });
    expect(created.user).toEqual({
      provider: "digitalocean",
      id: "app-01",
      name: "app-01",
      role: "normal",
      protected: false,
      raw: { name: "app-01", role: "normal", settings: { pg_allow_replication: false } },
    });
    expect(created.password).toBeInstanceOf(Secret);
    const stored = sim.digitalocean.getUser(id, "app-01");
    expect(stored?.password).toMatch(/^AVNS_/);
    expect(created.password.reveal()).toBe(stored?.password);

    // list: the new user and the primary user doadmin, which is protected.
    const listed = await users.list();
    expect(listed.map((user) => user.name)).toEqual(["doadmin", "app-01"]);
    expect(listed[0]).toMatchObject({ id: "doadmin", role: "primary", protected: true });
    expect(listed[1]).toEqual(created.user);

    // get
    expect(await users.get("app-01")).toEqual(created.user);

    // iterate: the same users, streamed.
    const iterated: DigitalOceanUser[] = [];
    for await (const user of users.iterate()) iterated.push(user);
    expect(iterated).toEqual(listed);

    // resetPassword: a new password, the one now stored; the old one is gone.
    const reset = await users.resetPassword("app-01");
    expect(reset.user).toEqual(created.user);
    expect(reset.password.reveal()).not.toBe(created.password.reveal());
    expect(reset.password.reveal()).toBe(sim.digitalocean.getUser(id, "app-01")?.password);

    // updateSettings (DigitalOcean answers this PUT with 201): settings replaced, password kept.
    const updated = await users.updateSettings("app-01", { pg_allow_replication: true });
    expect(updated.raw.settings).toEqual({ pg_allow_replication: true });
    expect(sim.digitalocean.getUser(id, "app-01")).toMatchObject({
      settings: { pg_allow_replication: true },
      password: reset.password.reveal(),
    });

    // delete, then get: NotFoundError carrying DigitalOcean's details.
    await users.delete("app-01");
    expect(sim.digitalocean.getUser(id, "app-01")).toBeUndefined();
    const error = await rejectionOf(users.get("app-01"));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({
      provider: "digitalocean",
      code: "not_found",
      status: 404,
      vendorCode: "not_found",
      requestId: expect.stringMatching(UUID),
    });
    expect((await users.list()).map((user) => user.name)).toEqual(["doadmin"]);

    // One request per call, to the spec's paths, and the lookup that proves a new name free: nothing
    // retried, nothing extra.
    expect(summary(requests, id)).toEqual([
      "GET /v2/databases/{id}/users/app-01",
      "POST /v2/databases/{id}/users",
      "GET /v2/databases/{id}/users",
      "GET /v2/databases/{id}/users/app-01",
      "GET /v2/databases/{id}/users",
      "POST /v2/databases/{id}/users/app-01/reset_auth",
      "PUT /v2/databases/{id}/users/app-01",
      "DELETE /v2/databases/{id}/users/app-01",
      "GET /v2/databases/{id}/users/app-01",
      "GET /v2/databases/{id}/users",
    ]);
    // A plain reset sends `{}` (mysql_settings is MySQL-only); update sends the settings only.
    expect(requests[5]?.body).toBe("{}");
    expect(JSON.parse(requests[6]?.body ?? "")).toEqual({ settings: { pg_allow_replication: true } });
  });

  it("iterate() is lazy: nothing is sent until the loop starts", async () => {
    const { id } = sim.digitalocean.addCluster({ engine: "pg" });
    const { users, requests } = adapterFor(sim, id);
    const iterable = users.iterate();
    expect(requests).toHaveLength(0);
    const names: string[] = [];
    for await (const user of iterable) names.push(user.name);
    expect(names).toEqual(["doadmin"]);
    expect(requests).toHaveLength(1);
  });

  it("creates a PostgreSQL user allowed to replicate", async () => {
    const { id } = sim.digitalocean.addCluster({ engine: "pg" });
    const { users, requests } = adapterFor(sim, id);
    const { user } = await users.create({ name: "replicator", settings: { pg_allow_replication: true } });
    expect(JSON.parse(requests[1]?.body ?? "")).toEqual({
      name: "replicator",
      settings: { pg_allow_replication: true },
    });
    expect(user.raw.settings).toEqual({ pg_allow_replication: true });
    expect(sim.digitalocean.getUser(id, "replicator")?.settings).toEqual({ pg_allow_replication: true });
  });

  it("refuses to delete the primary user doadmin with a ValidationError (422), leaving it in place", async () => {
    const { id } = sim.digitalocean.addCluster({ engine: "pg" });
    const { users, requests } = adapterFor(sim, id);
    const error = await rejectionOf(users.delete("doadmin"));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ status: 422, vendorCode: "unprocessable_entity" });
    expect(String((error as Error).message)).toMatch(/primary user doadmin/);
    expect(sim.digitalocean.getUser(id, "doadmin")).toBeDefined();
    // A refusal is final: not retried.
    expect(requests).toHaveLength(1);
  });

  it("a taken name is a ConflictError found by the lookup: no create is sent, nothing reset", async () => {
    const { id } = sim.digitalocean.addCluster({ engine: "pg" });
    sim.digitalocean.addUser(id, { name: "app-01", password: "existing-password" });
    const { users, requests } = adapterFor(sim, id);
    const error = await rejectionOf(users.create({ name: "app-01" }));
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({ code: "conflict", outcome: "not-applied", operation: "create" });
    expect(summary(requests, id)).toEqual(["GET /v2/databases/{id}/users/app-01"]);
    expect(sim.digitalocean.getUser(id, "app-01")?.password).toBe("existing-password");
  });

  it("errors and Secret can be imported from this package: the same classes as @dbusers/core's", async () => {
    expect(pkg.NotFoundError).toBe(NotFoundError);
    expect(pkg.ValidationError).toBe(ValidationError);
    expect(pkg.Secret).toBe(Secret);
    const { id } = sim.digitalocean.addCluster({ engine: "pg" });
    const { users } = adapterFor(sim, id);
    const error = await rejectionOf(users.get("nobody"));
    expect(error).toBeInstanceOf(pkg.NotFoundError);
    expect(error).toBeInstanceOf(pkg.DatabaseUsersError);
    expect(error).not.toBeInstanceOf(pkg.PermissionError);
  });

  it("an unknown cluster is a NotFoundError for every operation", async () => {
    const { users } = adapterFor(sim, "00000000-0000-4000-8000-000000000000");
    for (const call of [
      () => users.list(),
      () => users.get("app-01"),
      () => users.create({ name: "app-01" }),
      () => users.resetPassword("app-01"),
      () => users.updateSettings("app-01", { pg_allow_replication: true }),
      () => users.delete("app-01"),
    ]) {
      const error = await rejectionOf(call());
      expect(error).toBeInstanceOf(NotFoundError);
      expect(error).toMatchObject({ status: 404, vendorCode: "not_found" });
    }
  });
});
