import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { digitalOceanApi, NOT_FOUND, start } from "../helpers.ts";

describe("DigitalOcean users: lifecycle", () => {
  it("add → list → get → update → reset_auth → delete, with state kept between calls", async () => {
    const sim = await start();
    const api = digitalOceanApi(sim);
    const { id } = sim.digitalocean.addCluster({ engine: "pg" });

    const added = await api.add(id, { name: "app-01" });
    expect(added.status).toBe(201);
    expect(added.body.user).toMatchObject({
      name: "app-01",
      role: "normal",
      settings: { pg_allow_replication: false },
    });
    const password = added.body.user.password as string;
    expect(password).toMatch(/^AVNS_[A-Za-z0-9]{19}$/);

    const listed = await api.list(id);
    expect(listed.status).toBe(200);
    expect(listed.body.users.map((u: { name: string }) => u.name)).toEqual(["doadmin", "app-01"]);
    expect(listed.body.users[0]).toMatchObject({ name: "doadmin", role: "primary" });

    const got = await api.get(id, "app-01");
    expect(got.status).toBe(200);
    expect(got.body.user).toEqual(added.body.user);

    const updated = await api.update(id, "app-01", { settings: { pg_allow_replication: true } });
    expect(updated.status).toBe(201); // DigitalOcean's documented answer to this PUT
    expect(updated.body.user).toMatchObject({
      name: "app-01",
      password,
      settings: { pg_allow_replication: true },
    });

    const reset = await api.resetAuth(id, "app-01");
    expect(reset.status).toBe(200);
    expect(reset.body.user.password).toMatch(/^AVNS_/);
    expect(reset.body.user.password).not.toBe(password);
    expect(reset.body.user.settings).toEqual({ pg_allow_replication: true });
    expect(sim.digitalocean.getUser(id, "app-01")?.password).toBe(reset.body.user.password);

    const deleted = await api.remove(id, "app-01");
    expect(deleted.status).toBe(204);
    expect(deleted.body).toBeUndefined();
    expect((await api.get(id, "app-01")).status).toBe(404);
    expect((await api.list(id)).body.users.map((u: { name: string }) => u.name)).toEqual(["doadmin"]);
    expect(sim.violations).toEqual([]);
  });

  it("generates a different crypto-random password for every user", async () => {
    const sim = await start();
    const api = digitalOceanApi(sim);
    const { id } = sim.digitalocean.addCluster({ engine: "pg" });
    const passwords = new Set<string>();
    for (const name of ["a", "b", "c", "d"]) passwords.add((await api.add(id, { name })).body.user.password);
    passwords.add(sim.digitalocean.getUser(id, "doadmin")?.password ?? "");
    expect(passwords.size).toBe(5);
  });

  it("answers 404 not_found for an unknown cluster or user, on every operation", async () => {
    const sim = await start();
    const api = digitalOceanApi(sim);
    const { id } = sim.digitalocean.addCluster({ engine: "pg" });
    const unknownCluster = randomUUID();
    const answers = await Promise.all([
      api.list(unknownCluster),
      api.add(unknownCluster, { name: "x" }),
      api.get(unknownCluster, "doadmin"),
      api.get(id, "nobody"),
      api.update(id, "nobody", { settings: {} }),
      api.resetAuth(id, "nobody"),
      api.remove(id, "nobody"),
    ]);
    for (const answer of answers) {
      expect(answer.status).toBe(404);
      expect(answer.body).toMatchObject(NOT_FOUND);
    }
    expect(sim.violations).toEqual([]);
  });

  it("refuses to delete the primary user doadmin with 422, and keeps it", async () => {
    const sim = await start();
    const api = digitalOceanApi(sim);
    const { id } = sim.digitalocean.addCluster({ engine: "mysql" });
    const answer = await api.remove(id, "doadmin");
    expect(answer.status).toBe(422);
    expect(answer.body).toMatchObject({
      id: "unprocessable_entity",
      message: expect.stringContaining("cannot be deleted"),
    });
    expect((await api.get(id, "doadmin")).body.user).toMatchObject({ name: "doadmin", role: "primary" });
    expect(sim.violations).toEqual([]);
  });

  it("refuses a duplicate user name with 422 unprocessable_entity", async () => {
    const sim = await start();
    const api = digitalOceanApi(sim);
    const { id } = sim.digitalocean.addCluster({ engine: "pg" });
    expect((await api.add(id, { name: "app-01" })).status).toBe(201);
    const again = await api.add(id, { name: "app-01" });
    expect(again.status).toBe(422);
    expect(again.body).toMatchObject({ id: "unprocessable_entity", message: "user app-01 already exists" });
    const primary = await api.add(id, { name: "doadmin" });
    expect(primary.status).toBe(422);
  });

  it("refuses a user name with spaces with 400 bad_request", async () => {
    const sim = await start();
    const api = digitalOceanApi(sim);
    const { id } = sim.digitalocean.addCluster({ engine: "pg" });
    const answer = await api.add(id, { name: "app 01" });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({
      id: "bad_request",
      message: expect.stringContaining("invalid user name"),
    });
    expect(sim.digitalocean.getUser(id, "app 01")).toBeUndefined();
  });

  it("serves percent-encoded user names", async () => {
    const sim = await start();
    const api = digitalOceanApi(sim);
    const { id } = sim.digitalocean.addCluster({ engine: "pg" });
    expect((await api.add(id, { name: "app/01%x" })).status).toBe(201);
    expect((await api.get(id, "app/01%x")).body.user.name).toBe("app/01%x");
    expect((await api.remove(id, "app/01%x")).status).toBe(204);
  });

  it("refuses the readOnly role and password in an add-user body (400 naming the field)", async () => {
    const sim = await start();
    const api = digitalOceanApi(sim);
    const { id } = sim.digitalocean.addCluster({ engine: "pg" });
    const role = await api.add(id, { name: "sneaky", role: "primary" });
    expect(role.status).toBe(400);
    expect(role.body).toMatchObject({ id: "bad_request", message: expect.stringContaining("body.role") });
    const password = await api.add(id, { name: "sneaky", password: "chosen-by-me" });
    expect(password.status).toBe(400);
    expect(password.body.message).toContain("body.password");
    expect(sim.digitalocean.getUser(id, "sneaky")).toBeUndefined();
  });
});
