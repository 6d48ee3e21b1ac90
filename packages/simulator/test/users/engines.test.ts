import { describe, expect, it } from "vitest";
import { digitalOceanApi, start } from "../helpers.ts";

const REFUSED = {
  id: "unprocessable_entity",
  message: "User management is not supported for Caching or Valkey clusters.",
};

describe("DigitalOcean users: engine-specific behaviour", () => {
  it("MySQL: auth_plugin defaults to caching_sha2_password, can be chosen, and reset_auth may change it", async () => {
    const sim = await start();
    const api = digitalOceanApi(sim);
    const { id } = sim.digitalocean.addCluster({ engine: "mysql" });

    const plain = await api.add(id, { name: "app-01" });
    expect(plain.body.user.mysql_settings).toEqual({ auth_plugin: "caching_sha2_password" });
    expect(plain.body.user.settings).toBeUndefined();
    expect(sim.digitalocean.getUser(id, "doadmin")?.mysql_settings).toEqual({
      auth_plugin: "caching_sha2_password",
    });

    const legacy = await api.add(id, {
      name: "app-02",
      mysql_settings: { auth_plugin: "mysql_native_password" },
    });
    expect(legacy.body.user.mysql_settings).toEqual({ auth_plugin: "mysql_native_password" });

    const switched = await api.resetAuth(id, "app-02", {
      mysql_settings: { auth_plugin: "caching_sha2_password" },
    });
    expect(switched.status).toBe(200);
    expect(switched.body.user.mysql_settings).toEqual({ auth_plugin: "caching_sha2_password" });
    expect(switched.body.user.password).not.toBe(legacy.body.user.password);

    const kept = await api.resetAuth(id, "app-01", {});
    expect(kept.body.user.mysql_settings).toEqual({ auth_plugin: "caching_sha2_password" });
    expect(sim.violations).toEqual([]);
  });

  it("update replaces settings only: the MySQL auth plugin and the password stay", async () => {
    const sim = await start();
    const api = digitalOceanApi(sim);
    const { id } = sim.digitalocean.addCluster({ engine: "mysql" });
    const added = await api.add(id, {
      name: "app-01",
      mysql_settings: { auth_plugin: "mysql_native_password" },
    });
    const updated = await api.update(id, "app-01", { settings: {} });
    expect(updated.status).toBe(201);
    expect(updated.body.user).toEqual(added.body.user);
  });

  it("PostgreSQL: pg_allow_replication falls back to false when omitted, on create and on update", async () => {
    const sim = await start();
    const api = digitalOceanApi(sim);
    const { id } = sim.digitalocean.addCluster({ engine: "pg" });
    const replicator = await api.add(id, { name: "replicator", settings: { pg_allow_replication: true } });
    expect(replicator.body.user.settings).toEqual({ pg_allow_replication: true });
    const updated = await api.update(id, "replicator", { settings: {} });
    expect(updated.body.user.settings).toEqual({ pg_allow_replication: false });
    expect(updated.body.user.mysql_settings).toBeUndefined();
  });

  it("Kafka: users get access_cert/access_key and ACL ids, kept for ACLs sent back with their id", async () => {
    const sim = await start();
    const api = digitalOceanApi(sim);
    const { id } = sim.digitalocean.addCluster({ engine: "kafka" });
    const added = await api.add(id, {
      name: "app-03",
      settings: {
        acl: [
          { topic: "orders.*", permission: "produceconsume" },
          { topic: "audit", permission: "consume" },
        ],
      },
    });
    expect(added.status).toBe(201);
    const user = added.body.user;
    expect(user.access_cert).toMatch(/^-----BEGIN CERTIFICATE-----\n[\s\S]+\n-----END CERTIFICATE-----\n$/);
    expect(user.access_key).toMatch(/^-----BEGIN PRIVATE KEY-----\n[\s\S]+\n-----END PRIVATE KEY-----\n$/);
    const [orders, audit] = user.settings.acl;
    expect(orders).toEqual({
      id: expect.stringMatching(/^acl[0-9a-f]{12}$/),
      topic: "orders.*",
      permission: "produceconsume",
    });
    expect(audit.id).toMatch(/^acl[0-9a-f]{12}$/);
    expect(audit.id).not.toBe(orders.id);

    const updated = await api.update(id, "app-03", {
      settings: {
        acl: [
          { id: orders.id, topic: "orders.*", permission: "consume" },
          { id: "made-up", topic: "billing", permission: "produce" },
        ],
      },
    });
    expect(updated.status).toBe(201);
    const [kept, fresh] = updated.body.user.settings.acl;
    expect(kept).toEqual({ id: orders.id, topic: "orders.*", permission: "consume" });
    expect(fresh.id).toMatch(/^acl[0-9a-f]{12}$/);
    expect(fresh.id).not.toBe("made-up");
    expect(updated.body.user.settings.acl).toHaveLength(2); // audit was not sent back: replaced
    expect(updated.body.user.access_cert).toBe(user.access_cert);
    expect(sim.violations).toEqual([]);
  });

  it("MongoDB: mongo_user_settings is stored, and the deprecated readonly flag makes a readOnly user", async () => {
    const sim = await start();
    const api = digitalOceanApi(sim);
    const { id } = sim.digitalocean.addCluster({ engine: "mongodb" });
    const scoped = await api.add(id, {
      name: "app-04",
      settings: { mongo_user_settings: { databases: ["my-db", "my-db-2"], role: "readWrite" } },
    });
    expect(scoped.body.user.settings).toEqual({
      mongo_user_settings: { databases: ["my-db", "my-db-2"], role: "readWrite" },
    });
    const readonly = await api.add(id, { name: "my-readonly", readonly: true });
    expect(readonly.body.user.settings.mongo_user_settings).toEqual({
      databases: ["admin"],
      role: "readOnly",
    });
    const changed = await api.update(id, "app-04", {
      settings: { mongo_user_settings: { databases: ["admin"], role: "readOnly" } },
    });
    expect(changed.body.user.settings.mongo_user_settings).toEqual({
      databases: ["admin"],
      role: "readOnly",
    });
  });

  it("OpenSearch: index ACLs are stored, permission defaulting to deny", async () => {
    const sim = await start();
    const api = digitalOceanApi(sim);
    const { id } = sim.digitalocean.addCluster({ engine: "opensearch" });
    const added = await api.add(id, {
      name: "search-reader",
      settings: { opensearch_acl: [{ index: "logs-*", permission: "read" }, { index: "secret-*" }] },
    });
    expect(added.body.user.settings.opensearch_acl).toEqual([
      { index: "logs-*", permission: "read" },
      { index: "secret-*", permission: "deny" },
    ]);
  });

  it("refuses options that belong to another engine with 422", async () => {
    const sim = await start();
    const api = digitalOceanApi(sim);
    const pg = sim.digitalocean.addCluster({ engine: "pg" }).id;
    const mysql = sim.digitalocean.addCluster({ engine: "mysql" }).id;
    const cases = [
      [pg, { name: "a", mysql_settings: { auth_plugin: "mysql_native_password" } }, "mysql_settings"],
      [pg, { name: "b", settings: { acl: [{ topic: "t", permission: "admin" }] } }, "settings.acl"],
      [mysql, { name: "c", settings: { pg_allow_replication: true } }, "settings.pg_allow_replication"],
      [pg, { name: "d", readonly: true }, "readonly"],
    ] as const;
    for (const [cluster, body, field] of cases) {
      const answer = await api.add(cluster, body);
      expect(answer.status, field).toBe(422);
      expect(answer.body).toMatchObject({
        id: "unprocessable_entity",
        message: expect.stringContaining(field),
      });
    }
    await api.add(pg, { name: "e" });
    const reset = await api.resetAuth(pg, "e", { mysql_settings: { auth_plugin: "caching_sha2_password" } });
    expect(reset.status).toBe(422);
    expect(sim.digitalocean.listUsers(pg).map((u) => u.name)).toEqual(["doadmin", "e"]);
  });

  for (const engine of ["valkey", "redis"] as const) {
    it(`${engine}: user management is refused (422) and the user list is empty`, async () => {
      const sim = await start();
      const api = digitalOceanApi(sim);
      const { id, users } = sim.digitalocean.addCluster({ engine });
      expect(users).toEqual([]);
      const list = await api.list(id);
      expect(list.status).toBe(200);
      expect(list.body).toEqual({ users: [] });
      const answers = await Promise.all([
        api.add(id, { name: "app-01" }),
        api.get(id, "default"),
        api.update(id, "default", { settings: {} }),
        api.resetAuth(id, "default"),
        api.remove(id, "default"),
      ]);
      for (const answer of answers) {
        expect(answer.status).toBe(422);
        expect(answer.body).toMatchObject(REFUSED);
      }
      expect(sim.violations).toEqual([]);
    });
  }
});
