// DigitalOcean's own secrets besides passwords and the token (which the shared conformance suite
// checks): Kafka private keys, and the errors of a token that may not see credentials.
import { randomBytes } from "node:crypto";
import { REDACTED } from "@dbusers/core";
import { expectNoLeak } from "@dbusers/testing";
import { describe, expect, it } from "vitest";
import { adapterFor, rejectionOf, startTestSimulator } from "./harness.ts";

const TOKEN = `dop_v1_${randomBytes(24).toString("hex")}`;
const NO_CREDENTIALS_TOKEN = `dop_v1_${randomBytes(24).toString("hex")}`;
const { sim } = await startTestSimulator({
  tokens: {
    [TOKEN]: ["*"],
    [NO_CREDENTIALS_TOKEN]: ["database:read", "database:create", "database:update", "database:delete"],
  },
  defaultToken: false,
});

/** A line of the PEM body of a Kafka user's private key. */
const keyLine = (pem: string | undefined): string => (pem ?? "").split("\n")[1] ?? "";

describe("DigitalOcean adapter: secrets stay secret", () => {
  it("a Kafka user's private key is hidden like a password", async () => {
    const { id } = sim.digitalocean.addCluster({ engine: "kafka" });
    const { users } = adapterFor(sim, id, { token: TOKEN });
    const created = await users.create({ name: "events" });
    const stored = sim.digitalocean.getUser(id, "events");
    const key = keyLine(stored?.access_key);
    expect(created.user.raw.access_key?.reveal()).toContain(key);
    expectNoLeak(created, [key, stored?.password ?? "", TOKEN]);
    expectNoLeak(await users.list(), [key]);
  });

  it("logger.debug masks the private key in bodies rather than leaving the field out", async () => {
    const { id } = sim.digitalocean.addCluster({ engine: "kafka" });
    const lines: Array<Record<string, unknown> | undefined> = [];
    const logger = { debug: (_: string, meta?: Record<string, unknown>) => lines.push(meta) };
    const { users } = adapterFor(sim, id, { token: TOKEN, logger });
    await users.create({ name: "events", settings: { acl: [{ topic: "t", permission: "consume" }] } });
    // lines[0] is the lookup that proves the name free.
    expect(lines[1]).toMatchObject({
      requestHeaders: { authorization: REDACTED },
      responseBody: { user: { name: "events", password: REDACTED, access_key: REDACTED } },
    });
    expectNoLeak(lines, [TOKEN, keyLine(sim.digitalocean.getUser(id, "events")?.access_key)]);
  });

  it("errors of a token without database:view_credentials name the scope and carry no secret", async () => {
    const { id } = sim.digitalocean.addCluster({ engine: "pg", users: [{ name: "app-01" }] });
    const { users } = adapterFor(sim, id, { token: NO_CREDENTIALS_TOKEN });
    const errors = [
      await rejectionOf(users.create({ name: "app-03" })), // created, password withheld
      await rejectionOf(users.resetPassword("app-01")), // reset, password withheld
    ];
    expect(errors.map((error) => (error as Error).name)).toEqual(["PermissionError", "PermissionError"]);
    for (const error of errors) {
      expect((error as Error).message).toContain("database:view_credentials");
      const secrets = [NO_CREDENTIALS_TOKEN, sim.digitalocean.getUser(id, "app-01")?.password ?? ""];
      expectNoLeak(error, [...secrets, sim.digitalocean.getUser(id, "app-03")?.password ?? ""]);
    }
  });
});
