// The options of DigitalOcean's own operation, updateSettings, are checked as the conformance suite checks
// every DatabaseUsers operation's: before anything is sent.
import { ValidationError } from "@dbusers/core";
import { INVALID_OPERATION_OPTIONS } from "@dbusers/testing";
import { describe, expect, it } from "vitest";
import { adapterFor, rejectionOf, startTestSimulator } from "./harness.ts";

const { sim, handled } = await startTestSimulator();

describe("DigitalOcean adapter: updateSettings's options", () => {
  it.each(INVALID_OPERATION_OPTIONS)("%j is a ValidationError at %s, nothing sent", async (options, path) => {
    const { id } = sim.digitalocean.addCluster({ engine: "pg", users: [{ name: "app-01" }] });
    const before = structuredClone(sim.digitalocean.listUsers(id));
    const { users, requests } = adapterFor(sim, id);
    const error = await rejectionOf(
      users.updateSettings("app-01", { pg_allow_replication: true }, options as never),
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ provider: "digitalocean", issues: [{ path }] });
    expect(requests).toHaveLength(0);
    expect(handled).toHaveLength(0);
    expect(sim.digitalocean.listUsers(id)).toEqual(before);
  });
});
