// HostUp's own part of reconciling a lost create (the shared conformance suite covers the rest): the
// adapter chose or was given the password, so it sets that same password again rather than a new one.
import { describe, expect, it } from "vitest";
import { adapterFor, handledOf, startTestSimulator, summary } from "./harness.ts";

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
      "POST /shared-hosting/{account}/database-users",
      "GET /shared-hosting/{account}/database-users",
      `PUT /shared-hosting/{account}/database-users/${user.id}/password`,
    ]);
    expect(JSON.parse(requests[2]?.body ?? "")).toEqual({ newPassword: "Chosen-Passw0rd-7" });
    expect(handledOf(handled, "create_database_user")).toHaveLength(1);
  });
});
