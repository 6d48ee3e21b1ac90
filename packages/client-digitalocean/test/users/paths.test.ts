// A user name is one path segment, whatever it contains: percent-encoded by the client, routed by the
// simulator to that one user, never to another resource.
import { NotFoundError, ValidationError } from "@dbusers/core";
import { describe, expect, it } from "vitest";
import { adapterFor, handledOf, rejectionOf, startTestSimulator, summary } from "./harness.ts";

const { sim, handled } = await startTestSimulator();

describe("DigitalOcean adapter: user names in paths", () => {
  it.each([
    ["encoded slashes and dots", "app%2F..%2Fx", "app%252F..%252Fx"],
    ["encoded dot segments", "%2e%2e", "%252e%252e"],
    ["a query and a fragment", "a?b#c", "a%3Fb%23c"],
    ["dots inside a name", "..app..", "..app.."],
  ])(
    "a name with %s reaches the simulator as that one user, for every operation",
    async (_label, name, encoded) => {
      const { id } = sim.digitalocean.addCluster({ engine: "pg", users: [{ name: "x" }, { name: "app" }] });
      const { users, requests } = adapterFor(sim, id);
      const bystanders = sim.digitalocean.listUsers(id);

      const created = await users.create({ name });
      expect(created.user.name).toBe(name);
      expect(sim.digitalocean.getUser(id, name)?.password).toBe(created.password.reveal());

      expect((await users.get(name)).name).toBe(name);
      const reset = await users.resetPassword(name);
      expect(sim.digitalocean.getUser(id, name)?.password).toBe(reset.password.reveal());
      await users.updateSettings(name, { pg_allow_replication: true });
      expect(sim.digitalocean.getUser(id, name)?.settings).toEqual({ pg_allow_replication: true });
      await users.delete(name);
      expect(sim.digitalocean.getUser(id, name)).toBeUndefined();

      // The other users were never touched: same passwords, same settings.
      expect(sim.digitalocean.listUsers(id)).toEqual(bystanders);
      expect(summary(requests, id)).toEqual([
        `GET /v2/databases/{id}/users/${encoded}`,
        "POST /v2/databases/{id}/users",
        `GET /v2/databases/{id}/users/${encoded}`,
        `POST /v2/databases/{id}/users/${encoded}/reset_auth`,
        `PUT /v2/databases/{id}/users/${encoded}`,
        `DELETE /v2/databases/{id}/users/${encoded}`,
      ]);
      expect(handled.map((request) => request.operationId)).toEqual([
        "databases_get_user",
        "databases_add_user",
        "databases_get_user",
        "databases_reset_auth",
        "databases_update_user",
        "databases_delete_user",
      ]);
    },
  );

  it("a name with spaces is percent-encoded and routed to the user operation (which knows no such user)", async () => {
    const { id } = sim.digitalocean.addCluster({ engine: "pg", users: [{ name: "app" }] });
    const { users, requests } = adapterFor(sim, id);

    const error = await rejectionOf(users.get("app 01"));
    expect(error).toBeInstanceOf(NotFoundError);
    const deleted = await rejectionOf(users.delete("app app"));
    expect(deleted).toBeInstanceOf(NotFoundError);
    expect(sim.digitalocean.getUser(id, "app")).toBeDefined();
    expect(summary(requests, id)).toEqual([
      "GET /v2/databases/{id}/users/app%2001",
      "DELETE /v2/databases/{id}/users/app%20app",
    ]);
    expect(handledOf(handled, "databases_get_user")).toHaveLength(1);
    expect(handledOf(handled, "databases_delete_user")).toHaveLength(1);

    // DigitalOcean refuses to create such a name; the adapter passes its 400 on as a ValidationError.
    const refused = await rejectionOf(users.create({ name: "app 01" }));
    expect(refused).toBeInstanceOf(ValidationError);
    expect(refused).toMatchObject({ status: 400, vendorCode: "bad_request" });
  });
});
