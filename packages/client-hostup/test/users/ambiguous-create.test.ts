// HostUp's own part of a create whose answer was lost (the shared conformance suite covers the rest):
// the adapter chose or was given the password, so the user it made gets that same password once more,
// by its dbu_ id; and the user is looked up by its name only, never as an id.
import { UnavailableError } from "@dbusers/core";
import { describe, expect, it } from "vitest";
import { adapterFor, handledOf, rejectionOf, startTestSimulator, summary } from "./harness.ts";

const { sim, handled } = await startTestSimulator();

describe("HostUp adapter: ambiguous creates", () => {
  it("a create whose answer was lost is looked up, and the chosen password set once more, not re-sent", async () => {
    const { id } = sim.hostup.addAccount();
    const { users, requests } = adapterFor(sim, id);
    sim.failNext({ vendor: "hostup", drop: "after-handling", operationId: "create_database_user" });

    const { user, password } = await users.create({ name: "appuser", password: "Chosen-Passw0rd-7" });

    expect(password.reveal()).toBe("Chosen-Passw0rd-7");
    expect(sim.hostup.getUser(id, "appuser")?.password).toBe("Chosen-Passw0rd-7");
    expect(user).toMatchObject({ name: "appuser", id: sim.hostup.getUser(id, "appuser")?.id });
    expect(summary(requests, id)).toEqual([
      "GET /shared-hosting/{account}/database-users",
      "POST /shared-hosting/{account}/database-users",
      "GET /shared-hosting/{account}/database-users",
      `PUT /shared-hosting/{account}/database-users/${user.id}/password`,
    ]);
    expect(JSON.parse(requests[3]?.body ?? "")).toEqual({ newPassword: "Chosen-Passw0rd-7" });
    expect(handledOf(handled, "create_database_user")).toHaveLength(1);
  });

  it("a generated password is the one set again, and the one handed back", async () => {
    const { id } = sim.hostup.addAccount();
    const { users, requests } = adapterFor(sim, id);
    sim.failNext({ vendor: "hostup", drop: "after-handling", operationId: "create_database_user" });

    const { password } = await users.create({ name: "appuser" });

    expect(sim.hostup.getUser(id, "appuser")?.password).toBe(password.reveal());
    expect(JSON.parse(requests[1]?.body ?? "").password).toBe(password.reveal());
    expect(JSON.parse(requests[3]?.body ?? "")).toEqual({ newPassword: password.reveal() });
  });

  it("a name equal to another user's dbu_ id is looked up as a name: that user is never touched", async () => {
    const bystander = { username: "shop", id: "dbu_01hxa3b4c5d6e7f8g9h0j1k2m3", password: "Shop-Passw0rd-1" };
    const { id } = sim.hostup.addAccount({ users: [bystander] });
    const { users, requests } = adapterFor(sim, id);
    // The create never reaches HostUp, but nothing says so: its outcome is unknown.
    sim.failNext({ vendor: "hostup", drop: "before-handling", operationId: "create_database_user" });

    const error = await rejectionOf(users.create({ name: bystander.id }));

    expect(error).toBeInstanceOf(UnavailableError);
    expect(error).toMatchObject({ outcome: "unknown", operation: "create" });
    expect(summary(requests, id)).toEqual([
      "GET /shared-hosting/{account}/database-users",
      "POST /shared-hosting/{account}/database-users",
      "GET /shared-hosting/{account}/database-users",
    ]);
    expect(sim.hostup.getUser(id, "shop")?.password).toBe(bystander.password);
    expect(sim.hostup.listUsers(id)).toHaveLength(1);
  });
});
