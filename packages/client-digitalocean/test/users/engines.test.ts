// Engine-specific options, through the adapter: MySQL authentication plugins, Kafka ACLs and keys,
// MongoDB roles and databases, and the engines without user management.
import { inspect } from "node:util";
import { isSecret, UnsupportedOperationError, ValidationError } from "@dbusers/core";
import { describe, expect, it } from "vitest";
import { adapterFor, rejectionOf, startTestSimulator } from "./harness.ts";

const { sim } = await startTestSimulator();

describe("DigitalOcean adapter: MySQL", () => {
  it("creates a user with the chosen authPlugin and switches it on reset", async () => {
    const { id } = sim.digitalocean.addCluster({ engine: "mysql" });
    const { users, requests } = adapterFor(sim, id);

    const created = await users.create({ name: "legacy-app", authPlugin: "mysql_native_password" });
    // The lookup that proves the name free comes first.
    expect(JSON.parse(requests[1]?.body ?? "")).toEqual({
      name: "legacy-app",
      mysql_settings: { auth_plugin: "mysql_native_password" },
    });
    expect(created.user.raw.mysql_settings).toEqual({ auth_plugin: "mysql_native_password" });
    expect(sim.digitalocean.getUser(id, "legacy-app")?.mysql_settings).toEqual({
      auth_plugin: "mysql_native_password",
    });

    const reset = await users.resetPassword("legacy-app", { authPlugin: "caching_sha2_password" });
    expect(JSON.parse(requests[2]?.body ?? "")).toEqual({
      mysql_settings: { auth_plugin: "caching_sha2_password" },
    });
    expect(reset.user.raw.mysql_settings).toEqual({ auth_plugin: "caching_sha2_password" });
    const stored = sim.digitalocean.getUser(id, "legacy-app");
    expect(stored?.mysql_settings).toEqual({ auth_plugin: "caching_sha2_password" });
    expect(reset.password.reveal()).toBe(stored?.password);
    expect(reset.password.reveal()).not.toBe(created.password.reveal());
  });

  it("leaves the plugin to the server's default when none is given, and keeps it on a plain reset", async () => {
    const { id } = sim.digitalocean.addCluster({ engine: "mysql" });
    const { users, requests } = adapterFor(sim, id);
    const { user } = await users.create({ name: "app" });
    expect(JSON.parse(requests[1]?.body ?? "")).toEqual({ name: "app" });
    expect(user.raw.mysql_settings).toEqual({ auth_plugin: "caching_sha2_password" });

    sim.digitalocean.addUser(id, { name: "old", mysql_settings: { auth_plugin: "mysql_native_password" } });
    const reset = await users.resetPassword("old");
    expect(requests[2]?.body).toBe("{}");
    expect(reset.user.raw.mysql_settings).toEqual({ auth_plugin: "mysql_native_password" });
  });

  it("authPlugin on another engine is refused by DigitalOcean as a ValidationError (422)", async () => {
    const { id } = sim.digitalocean.addCluster({ engine: "pg" });
    const { users } = adapterFor(sim, id);
    const error = await rejectionOf(users.create({ name: "app", authPlugin: "mysql_native_password" }));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ status: 422 });
    expect((error as Error).message).toMatch(/mysql_settings/);
    expect(sim.digitalocean.getUser(id, "app")).toBeUndefined();
  });
});

describe("DigitalOcean adapter: Kafka", () => {
  it("returns the ACL ids DigitalOcean computed and wraps the private key in a Secret", async () => {
    const { id } = sim.digitalocean.addCluster({ engine: "kafka" });
    const { users, requests } = adapterFor(sim, id);

    const { user } = await users.create({
      name: "events",
      settings: {
        acl: [
          { topic: "orders.*", permission: "produce" },
          { topic: "audit", permission: "consume" },
        ],
      },
    });
    expect(JSON.parse(requests[1]?.body ?? "")).toEqual({
      name: "events",
      settings: {
        acl: [
          { topic: "orders.*", permission: "produce" },
          { topic: "audit", permission: "consume" },
        ],
      },
    });
    const stored = sim.digitalocean.getUser(id, "events");
    const acl = user.raw.settings?.acl ?? [];
    expect(acl).toEqual([
      { id: expect.stringMatching(/^acl[0-9a-f]+$/), topic: "orders.*", permission: "produce" },
      { id: expect.stringMatching(/^acl[0-9a-f]+$/), topic: "audit", permission: "consume" },
    ]);
    expect(acl).toEqual(stored?.settings?.acl);

    // The client certificate is public material; its private key is a Secret.
    expect(user.raw.access_cert).toBe(stored?.access_cert);
    expect(user.raw.access_cert).toMatch(/^-----BEGIN CERTIFICATE-----/);
    expect(isSecret(user.raw.access_key)).toBe(true);
    expect(user.raw.access_key?.reveal()).toBe(stored?.access_key);
    const key = stored?.access_key ?? "missing";
    expect(JSON.stringify(user)).not.toContain(key);
    expect(inspect(user, { depth: null })).not.toContain(key);
    expect(JSON.stringify(await users.list())).not.toContain(key);
    expect((await users.get("events")).raw.access_key?.reveal()).toBe(key);
  });

  it("keeps an ACL's id when it is sent back on update, and computes one for a new ACL", async () => {
    const { id } = sim.digitalocean.addCluster({ engine: "kafka" });
    const { users } = adapterFor(sim, id);
    const { user } = await users.create({
      name: "events",
      settings: { acl: [{ topic: "orders", permission: "consume" }] },
    });
    const kept = user.raw.settings?.acl?.[0];
    expect(kept?.id).toBeDefined();

    const updated = await users.updateSettings("events", {
      acl: [
        { ...(kept ?? { topic: "orders", permission: "consume" }), permission: "produceconsume" },
        { topic: "billing", permission: "admin" },
      ],
    });
    const acl = updated.raw.settings?.acl ?? [];
    expect(acl[0]).toEqual({ id: kept?.id, topic: "orders", permission: "produceconsume" });
    expect(acl[1]).toEqual({
      id: expect.stringMatching(/^acl[0-9a-f]+$/),
      topic: "billing",
      permission: "admin",
    });
    expect(acl[1]?.id).not.toBe(kept?.id);
    expect(sim.digitalocean.getUser(id, "events")?.settings?.acl).toEqual(acl);
  });
});

describe("DigitalOcean adapter: MongoDB", () => {
  it("readOnly: true creates a readOnly user, reflected in readOnly and databases", async () => {
    const { id } = sim.digitalocean.addCluster({ engine: "mongodb" });
    const { users, requests } = adapterFor(sim, id);
    const { user } = await users.create({ name: "reader", readOnly: true });
    expect(JSON.parse(requests[1]?.body ?? "")).toEqual({ name: "reader", readonly: true });
    expect(user).toMatchObject({ readOnly: true, databases: ["admin"] });
    expect(user.raw.settings?.mongo_user_settings).toEqual({ databases: ["admin"], role: "readOnly" });
    expect(await users.get("reader")).toMatchObject({ readOnly: true, databases: ["admin"] });
  });

  it("settings.mongo_user_settings chooses the databases and the role", async () => {
    const { id } = sim.digitalocean.addCluster({ engine: "mongodb" });
    const { users } = adapterFor(sim, id);
    const { user } = await users.create({
      name: "shop",
      settings: { mongo_user_settings: { databases: ["orders", "carts"], role: "readWrite" } },
    });
    expect(user).toMatchObject({ readOnly: false, databases: ["orders", "carts"] });
    expect(sim.digitalocean.getUser(id, "shop")?.settings?.mongo_user_settings).toEqual({
      databases: ["orders", "carts"],
      role: "readWrite",
    });

    // Switching the role through updateSettings flips readOnly.
    const updated = await users.updateSettings("shop", {
      mongo_user_settings: { databases: ["orders"], role: "readOnly" },
    });
    expect(updated).toMatchObject({ readOnly: true, databases: ["orders"] });
    const listed = (await users.list()).find((u) => u.name === "shop");
    expect(listed).toMatchObject({ readOnly: true, databases: ["orders"] });
  });

  it("the common `databases` option is refused before any request: it needs mongo_user_settings", async () => {
    const { id } = sim.digitalocean.addCluster({ engine: "mongodb" });
    const { users, requests } = adapterFor(sim, id);
    const error = await rejectionOf(users.create({ name: "shop", databases: ["orders"] }));
    expect(error).toBeInstanceOf(UnsupportedOperationError);
    expect((error as Error).message).toMatch(/mongo_user_settings/);
    expect(requests).toHaveLength(0);
  });

  it("readOnly off MongoDB is refused by DigitalOcean as a ValidationError (422)", async () => {
    const { id } = sim.digitalocean.addCluster({ engine: "pg" });
    const { users } = adapterFor(sim, id);
    const error = await rejectionOf(users.create({ name: "reader", readOnly: true }));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ status: 422 });
    expect((error as Error).message).toMatch(/readonly/);
  });
});

describe("DigitalOcean adapter: Caching and Valkey", () => {
  it.each(["valkey", "redis"] as const)(
    "%s: list is empty and user management is refused (422)",
    async (engine) => {
      const { id } = sim.digitalocean.addCluster({ engine });
      const { users } = adapterFor(sim, id);
      expect(await users.list()).toEqual([]);
      const error = await rejectionOf(users.create({ name: "app" }));
      expect(error).toBeInstanceOf(ValidationError);
      expect(error).toMatchObject({ status: 422, vendorCode: "unprocessable_entity" });
      expect((error as Error).message).toMatch(/not supported for Caching or Valkey/);
    },
  );
});
