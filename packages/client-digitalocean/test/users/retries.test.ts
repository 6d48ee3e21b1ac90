// Retries end to end: what is repeated (reads, updates, deletes, throttling answers), what never is
// (a create that may have happened), and what the simulator saw.
import { RateLimitError, UnavailableError } from "@dbusers/core";
import { describe, expect, it } from "vitest";
import { adapterFor, handledOf, rejectionOf, startTestSimulator, summary } from "./harness.ts";

const { sim, handled } = await startTestSimulator();

describe("DigitalOcean adapter: retries", () => {
  it("a 503 on get is retried and the call succeeds", async () => {
    const { id } = sim.digitalocean.addCluster({ engine: "pg", users: [{ name: "app-01" }] });
    const { users, requests } = adapterFor(sim, id);
    sim.failNext({ status: 503, operationId: "databases_get_user" });

    expect((await users.get("app-01")).name).toBe("app-01");
    expect(summary(requests, id)).toEqual([
      "GET /v2/databases/{id}/users/app-01",
      "GET /v2/databases/{id}/users/app-01",
    ]);
    expect(requests[0]?.headers.get("dbusers-retry-count")).toBeNull();
    expect(requests[1]?.headers.get("dbusers-retry-count")).toBe("1");
    // The re-send carries the credentials too (the simulator answered it 200, not 401).
    expect(requests[1]?.headers.get("authorization")).toBe(requests[0]?.headers.get("authorization"));
    expect(handled.map((request) => request.line)).toEqual([
      expect.stringMatching(/ → 503$/),
      expect.stringMatching(/ → 200$/),
    ]);
  });

  it("idempotent writes are retried too: update (PUT) and delete", async () => {
    const { id } = sim.digitalocean.addCluster({ engine: "pg", users: [{ name: "app-01" }] });
    const { users, requests } = adapterFor(sim, id);
    sim.failNext({ status: 502, operationId: "databases_update_user" });
    sim.failNext({ status: 504, operationId: "databases_delete_user" });

    await users.updateSettings("app-01", { pg_allow_replication: true });
    await users.delete("app-01");
    expect(sim.digitalocean.getUser(id, "app-01")).toBeUndefined();
    expect(summary(requests, id)).toEqual([
      "PUT /v2/databases/{id}/users/app-01",
      "PUT /v2/databases/{id}/users/app-01",
      "DELETE /v2/databases/{id}/users/app-01",
      "DELETE /v2/databases/{id}/users/app-01",
    ]);
    // The re-sent PUT carried its body again.
    expect(requests[1]?.body).toBe(requests[0]?.body);
  });

  it("a connection lost before the server handled a read is retried", async () => {
    const { id } = sim.digitalocean.addCluster({ engine: "pg" });
    const { users, requests } = adapterFor(sim, id);
    sim.failNext({ drop: "before-handling", operationId: "databases_list_users" });
    expect((await users.list()).map((user) => user.name)).toEqual(["doadmin"]);
    expect(requests).toHaveLength(2);
  });

  it("gives up after maxRetries with an UnavailableError carrying the last status", async () => {
    const { id } = sim.digitalocean.addCluster({ engine: "pg" });
    const { users, requests } = adapterFor(sim, id, { retry: { maxRetries: 2, baseDelayMs: 1 } });
    sim.failNext({ status: 503, count: 3 });
    const error = await rejectionOf(users.list());
    expect(error).toBeInstanceOf(UnavailableError);
    expect(error).toMatchObject({ status: 503, vendorCode: "service_unavailable", retryable: true });
    expect(requests).toHaveLength(3);
  });

  it("retry: false sends every request once", async () => {
    const { id } = sim.digitalocean.addCluster({ engine: "pg" });
    const { users, requests } = adapterFor(sim, id, { retry: false });
    sim.failNext({ status: 503 });
    expect(await rejectionOf(users.list())).toBeInstanceOf(UnavailableError);
    expect(requests).toHaveLength(1);
  });

  it("a 500 on create is not re-sent: the adapter looks the user up instead, and reports the failure", async () => {
    const { id } = sim.digitalocean.addCluster({ engine: "pg" });
    const { users, requests } = adapterFor(sim, id);
    sim.failNext({ status: 500, operationId: "databases_add_user" });

    const error = await rejectionOf(users.create({ name: "app-01" }));
    expect(error).toBeInstanceOf(UnavailableError);
    expect(error).toMatchObject({ status: 500, vendorCode: "server_error" });
    // One add request, then the lookup that found no user (the 500 did nothing).
    expect(handledOf(handled, "databases_add_user")).toHaveLength(1);
    expect(summary(requests, id)).toEqual([
      "POST /v2/databases/{id}/users",
      "GET /v2/databases/{id}/users/app-01",
    ]);
    expect(sim.digitalocean.getUser(id, "app-01")).toBeUndefined();
  });

  it("a 500 on reset_auth (a POST) is not re-sent either", async () => {
    const { id } = sim.digitalocean.addCluster({
      engine: "pg",
      users: [{ name: "app-01", password: "before" }],
    });
    const { users, requests } = adapterFor(sim, id);
    sim.failNext({ status: 500, operationId: "databases_reset_auth" });
    expect(await rejectionOf(users.resetPassword("app-01"))).toBeInstanceOf(UnavailableError);
    expect(requests).toHaveLength(1);
    expect(sim.digitalocean.getUser(id, "app-01")?.password).toBe("before");
  });

  it("a 429 on create is re-sent (throttling proves nothing was done) and creates exactly one user", async () => {
    const { id } = sim.digitalocean.addCluster({ engine: "pg" });
    const { users, requests } = adapterFor(sim, id);
    sim.failNext({ status: 429, retryAfterSeconds: 0, operationId: "databases_add_user" });
    const created = await users.create({ name: "app-01" });
    expect(created.password.reveal()).toBe(sim.digitalocean.getUser(id, "app-01")?.password);
    expect(summary(requests, id)).toEqual(["POST /v2/databases/{id}/users", "POST /v2/databases/{id}/users"]);
    expect(requests[1]?.body).toBe(requests[0]?.body);
  });

  it("a 429 with retry-after on list is retried after the wait DigitalOcean asked for", async () => {
    const { id } = sim.digitalocean.addCluster({ engine: "pg" });
    const { users, requests } = adapterFor(sim, id);
    sim.failNext({ status: 429, retryAfterSeconds: 1, operationId: "databases_list_users" });
    const started = performance.now();
    expect((await users.list()).map((user) => user.name)).toEqual(["doadmin"]);
    const elapsed = performance.now() - started;
    expect(requests).toHaveLength(2);
    // The backoff alone would be ~1 ms (baseDelayMs: 1): the second attempt waited for retry-after.
    expect(elapsed).toBeGreaterThanOrEqual(950);
  });

  it("a retry-after longer than maxRetryAfterMs is handed to the caller as a RateLimitError", async () => {
    const { id } = sim.digitalocean.addCluster({ engine: "pg" });
    const { users, requests } = adapterFor(sim, id, { retry: { baseDelayMs: 1, maxRetryAfterMs: 1_000 } });
    sim.failNext({ status: 429, retryAfterSeconds: 30, operationId: "databases_list_users" });
    const error = await rejectionOf(users.list());
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ status: 429, retryAfterMs: 30_000, vendorCode: "too_many_requests" });
    expect(requests).toHaveLength(1);
  });
});
