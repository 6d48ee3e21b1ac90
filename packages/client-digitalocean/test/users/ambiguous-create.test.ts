// DigitalOcean's own part of reconciling a lost create: the engine options of the create survive the
// lookup and reset (the shared conformance suite covers the rest).
import { describe, expect, it } from "vitest";
import { adapterFor, startTestSimulator } from "./harness.ts";

const { sim } = await startTestSimulator();

describe("DigitalOcean adapter: ambiguous creates", () => {
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

  it("a malformed reset answer is followed by one more reset, so the password returned works", async () => {
    const { id } = sim.digitalocean.addCluster({ engine: "pg", users: [{ name: "app-01" }] });
    const { users, requests } = adapterFor(sim, id);
    sim.failNext({ truncate: true, operationId: "databases_reset_auth" });
    const { password } = await users.resetPassword("app-01");
    expect(password.reveal()).toBe(sim.digitalocean.getUser(id, "app-01")?.password);
    expect(requests.map((request) => request.method)).toEqual(["POST", "POST"]);
  });
});
