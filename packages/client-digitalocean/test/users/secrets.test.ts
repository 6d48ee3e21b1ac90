// Passwords, Kafka private keys and the API token must never show up where values usually end up:
// logs, JSON, string interpolation, error reports. Each check looks for the real values, which the
// simulator gives out, so a leak anywhere in the printed structure fails the test.
import { randomBytes } from "node:crypto";
import { inspect } from "node:util";
import { REDACTED, Secret } from "@dbusers/core";
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

/** Every way a value commonly gets printed or serialised. */
function renderings(value: unknown): string[] {
  return [
    inspect(value, { depth: Number.POSITIVE_INFINITY, showHidden: true, getters: true }),
    inspect(value),
    JSON.stringify(value) ?? "",
    String(value),
    `${value as string}`,
    value instanceof Error ? `${value.stack}\n${value.message}` : "",
  ];
}

function expectNoLeak(value: unknown, secrets: string[]): void {
  expect(secrets.every((secret) => secret.length >= 8)).toBe(true);
  for (const rendering of renderings(value)) {
    for (const secret of secrets) expect(rendering).not.toContain(secret);
  }
}

describe("DigitalOcean adapter: secrets stay secret", () => {
  it("the create result, its user and its password print as [REDACTED]", async () => {
    const { id } = sim.digitalocean.addCluster({ engine: "pg" });
    const { users } = adapterFor(sim, id, { token: TOKEN });
    const created = await users.create({ name: "app-01" });
    const password = sim.digitalocean.getUser(id, "app-01")?.password ?? "";
    expect(created.password.reveal()).toBe(password);

    expectNoLeak(created, [password, TOKEN]);
    expectNoLeak(created.user, [password, TOKEN]);
    expectNoLeak(created.password, [password]);
    expect(String(created.password)).toBe(REDACTED);
    expect(JSON.stringify(created)).toContain(`"password":"${REDACTED}"`);
    expect(inspect(created.password)).toBe(REDACTED);
    expect({ ...created.password }).toEqual({});
    expect(Object.keys(created.password)).toEqual([]);

    const reset = await users.resetPassword("app-01");
    const newPassword = sim.digitalocean.getUser(id, "app-01")?.password ?? "";
    expectNoLeak(reset, [newPassword, password, TOKEN]);
    // Users read back never carry a password.
    const listed = await users.list();
    const doadmin = sim.digitalocean.getUser(id, "doadmin")?.password ?? "";
    expectNoLeak(listed, [newPassword, doadmin, TOKEN]);
    expectNoLeak(await users.get("doadmin"), [doadmin]);
    for (const user of listed) expect(Object.keys(user.raw)).not.toContain("password");
  });

  it("the adapter object does not reveal its token, given as a string or as a Secret", async () => {
    const { id } = sim.digitalocean.addCluster({ engine: "pg" });
    for (const token of [TOKEN, new Secret(TOKEN)]) {
      const { users } = adapterFor(sim, id, { token });
      await users.list(); // the token is in use, and still hidden
      expectNoLeak(users, [TOKEN]);
      expectNoLeak(users.client, [TOKEN]);
    }
  });

  it("a Kafka user's private key is hidden like a password", async () => {
    const { id } = sim.digitalocean.addCluster({ engine: "kafka" });
    const { users } = adapterFor(sim, id, { token: TOKEN });
    const created = await users.create({ name: "events" });
    const stored = sim.digitalocean.getUser(id, "events");
    const key = (stored?.access_key ?? "").split("\n")[1] ?? ""; // a line of the PEM body
    expect(created.user.raw.access_key?.reveal()).toContain(key);
    expectNoLeak(created, [key, stored?.password ?? "", TOKEN]);
    expectNoLeak(await users.list(), [key]);
  });

  it("thrown errors do not carry the token or a password", async () => {
    const { id } = sim.digitalocean.addCluster({ engine: "pg", users: [{ name: "app-01" }] });
    const chosen = `Chosen-${randomBytes(12).toString("hex")}`;
    const wrongToken = `dop_v1_${randomBytes(24).toString("hex")}`;
    const { users } = adapterFor(sim, id, { token: TOKEN });
    const noCredentials = adapterFor(sim, id, { token: NO_CREDENTIALS_TOKEN }).users;
    const password = sim.digitalocean.getUser(id, "app-01")?.password ?? "";

    const errors: unknown[] = [
      await rejectionOf(adapterFor(sim, id, { token: wrongToken }).users.list()), // 401
      await rejectionOf(users.get("nobody")), // 404
      await rejectionOf(users.create({ name: "app-02", password: chosen })), // refused before sending
      await rejectionOf(users.setPassword("app-01", chosen)),
      await rejectionOf(users.setPassword("app-01", new Secret(chosen))),
      await rejectionOf(noCredentials.create({ name: "app-03" })), // created, password withheld
      await rejectionOf(noCredentials.resetPassword("app-01")), // reset, password withheld
    ];
    sim.failNext({ drop: "before-handling", count: 3 });
    errors.push(await rejectionOf(users.list())); // connection lost, retries exhausted
    sim.failNext({ delayMs: 1_000 });
    errors.push(
      await rejectionOf(adapterFor(sim, id, { token: TOKEN, timeoutMs: 50, retry: false }).users.list()),
    );

    expect(errors.map((error) => (error as Error).name)).toEqual([
      "AuthenticationError",
      "NotFoundError",
      "UnsupportedOperationError",
      "UnsupportedOperationError",
      "UnsupportedOperationError",
      "PermissionError",
      "PermissionError",
      "UnavailableError",
      "TimeoutError",
    ]);
    const current = sim.digitalocean.getUser(id, "app-01")?.password ?? "";
    for (const error of errors) expectNoLeak(error, [TOKEN, wrongToken, chosen, password, current]);
  });

  it("logger.debug sees every request with the token and passwords masked", async () => {
    const { id } = sim.digitalocean.addCluster({ engine: "kafka" });
    const lines: Array<{ message: string; meta: Record<string, unknown> | undefined }> = [];
    const logger = {
      debug: (message: string, meta?: Record<string, unknown>) => lines.push({ message, meta }),
    };
    const { users } = adapterFor(sim, id, { token: TOKEN, logger });

    const created = await users.create({
      name: "events",
      settings: { acl: [{ topic: "t", permission: "consume" }] },
    });
    sim.failNext({ status: 503, operationId: "databases_get_user" });
    await users.get("events"); // retried: two attempts logged
    const reset = await users.resetPassword("events");
    await users.list();

    expect(lines.map((line) => line.message.replace(id, "{id}"))).toEqual([
      expect.stringMatching(/^digitalocean POST http:\/\/\S+\/v2\/databases\/\{id\}\/users -> 201$/),
      expect.stringMatching(/^digitalocean GET \S+\/users\/events -> 503$/),
      expect.stringMatching(/^digitalocean GET \S+\/users\/events -> 200$/),
      expect.stringMatching(/^digitalocean POST \S+\/users\/events\/reset_auth -> 200$/),
      expect.stringMatching(/^digitalocean GET \S+\/users -> 200$/),
    ]);
    // The bodies are logged, with the credentials masked (not left out).
    expect(lines[0]?.meta).toMatchObject({
      requestHeaders: { authorization: REDACTED },
      responseBody: { user: { name: "events", password: REDACTED, access_key: REDACTED } },
    });

    const stored = sim.digitalocean.getUser(id, "events");
    const doadmin = sim.digitalocean.getUser(id, "doadmin");
    const secrets = [
      TOKEN,
      created.password.reveal(),
      reset.password.reveal(),
      stored?.password ?? "",
      (stored?.access_key ?? "").split("\n")[1] ?? "",
      doadmin?.password ?? "",
      (doadmin?.access_key ?? "").split("\n")[1] ?? "",
    ];
    for (const line of lines) {
      expectNoLeak(line.message, secrets);
      expectNoLeak(line.meta, secrets);
    }
  });
});
