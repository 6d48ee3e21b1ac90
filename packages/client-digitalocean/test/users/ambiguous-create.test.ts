// A create whose answer never arrived: the user may or may not exist. The adapter must neither create a
// second one nor hand back a password that does not work.
import { TimeoutError, UnavailableError } from "@dbusers/core";
import { describe, expect, it } from "vitest";
import { adapterFor, handledOf, rejectionOf, startTestSimulator, summary } from "./harness.ts";

const { sim, handled } = await startTestSimulator();

describe("DigitalOcean adapter: ambiguous creates are reconciled, never re-sent", () => {
  it("created but the answer lost: resolves with the user and a password that works", async () => {
    const { id } = sim.digitalocean.addCluster({ engine: "pg" });
    const { users, requests } = adapterFor(sim, id);
    sim.failNext({ drop: "after-handling", operationId: "databases_add_user" });

    const { user, password } = await users.create({ name: "app-01" });
    expect(user).toMatchObject({ name: "app-01", role: "normal", protected: false });
    // The password DigitalOcean now holds for the user: the one create returned was lost with the
    // answer, so the adapter rotated it.
    expect(password.reveal()).toBe(sim.digitalocean.getUser(id, "app-01")?.password);

    expect(sim.digitalocean.listUsers(id).filter((u) => u.name === "app-01")).toHaveLength(1);
    expect(handledOf(handled, "databases_add_user")).toHaveLength(1);
    expect(summary(requests, id)).toEqual([
      "POST /v2/databases/{id}/users",
      "GET /v2/databases/{id}/users/app-01",
      "POST /v2/databases/{id}/users/app-01/reset_auth",
    ]);
  });

  it("keeps the engine options of the lost create (MySQL authPlugin)", async () => {
    const { id } = sim.digitalocean.addCluster({ engine: "mysql" });
    const { users } = adapterFor(sim, id);
    sim.failNext({ drop: "after-handling", operationId: "databases_add_user" });
    const { user, password } = await users.create({ name: "legacy", authPlugin: "mysql_native_password" });
    const stored = sim.digitalocean.getUser(id, "legacy");
    expect(password.reveal()).toBe(stored?.password);
    expect(user.raw.mysql_settings).toEqual({ auth_plugin: "mysql_native_password" });
    expect(stored?.mysql_settings).toEqual({ auth_plugin: "mysql_native_password" });
  });

  it("connection lost before the server handled it: rejects with UnavailableError, no user exists", async () => {
    const { id } = sim.digitalocean.addCluster({ engine: "pg" });
    const { users, requests } = adapterFor(sim, id);
    sim.failNext({ drop: "before-handling", operationId: "databases_add_user" });

    const error = await rejectionOf(users.create({ name: "app-01" }));
    expect(error).toBeInstanceOf(UnavailableError);
    // No HTTP answer at all: no status, and the network failure as the cause.
    expect((error as UnavailableError).status).toBeUndefined();
    expect((error as UnavailableError).cause).toBeDefined();
    expect(sim.digitalocean.getUser(id, "app-01")).toBeUndefined();
    expect(handledOf(handled, "databases_add_user")).toHaveLength(0);
    // Not re-sent; the lookup found nothing.
    expect(summary(requests, id)).toEqual([
      "POST /v2/databases/{id}/users",
      "GET /v2/databases/{id}/users/app-01",
    ]);
  });

  it("an attempt that timed out after the server created the user is reconciled the same way", async () => {
    const { id } = sim.digitalocean.addCluster({ engine: "pg" });
    const { users, requests } = adapterFor(sim, id, { timeoutMs: 500 });
    // Handled at once, answered 3 s later: the client stops waiting first.
    sim.failNext({ delayMs: 3_000, operationId: "databases_add_user" });

    const { password } = await users.create({ name: "app-01" });
    expect(password.reveal()).toBe(sim.digitalocean.getUser(id, "app-01")?.password);
    expect(sim.digitalocean.listUsers(id).map((u) => u.name)).toEqual(["doadmin", "app-01"]);
    expect(
      requests.filter((request) => request.method === "POST" && request.path.endsWith("/users")),
    ).toHaveLength(1);
  });

  it("when the lookup itself fails, that failure is reported (and the create is still not re-sent)", async () => {
    const { id } = sim.digitalocean.addCluster({ engine: "pg" });
    const { users, requests } = adapterFor(sim, id, { retry: false });
    sim.failNext({ drop: "after-handling", operationId: "databases_add_user" });
    sim.failNext({ status: 503, operationId: "databases_get_user" });
    const error = await rejectionOf(users.create({ name: "app-01" }));
    expect(error).toBeInstanceOf(UnavailableError);
    expect(error).toMatchObject({ status: 503 });
    expect(sim.digitalocean.getUser(id, "app-01")).toBeDefined();
    expect(summary(requests, id)).toEqual([
      "POST /v2/databases/{id}/users",
      "GET /v2/databases/{id}/users/app-01",
    ]);
  });

  it("a TimeoutError the server gave (408) is not ambiguous: no lookup", async () => {
    const { id } = sim.digitalocean.addCluster({ engine: "pg" });
    const { users, requests } = adapterFor(sim, id);
    sim.failNext({ status: 408, operationId: "databases_add_user" });
    const error = await rejectionOf(users.create({ name: "app-01" }));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ status: 408 });
    expect(requests).toHaveLength(1);
  });
});
