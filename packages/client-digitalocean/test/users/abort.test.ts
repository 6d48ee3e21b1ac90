// Cancellation and time budgets: a caller's AbortSignal wins with its own reason; a slow answer is a
// TimeoutError once the per-attempt budget is spent.
import { TimeoutError } from "@dbusers/core";
import { describe, expect, it } from "vitest";
import { adapterFor, rejectionOf, startTestSimulator } from "./harness.ts";

const { sim, handled } = await startTestSimulator();

describe("DigitalOcean adapter: AbortSignal", () => {
  it("an already-aborted signal rejects every operation with the caller's reason and sends nothing", async () => {
    const { id } = sim.digitalocean.addCluster({
      engine: "pg",
      users: [{ name: "app-01", password: "kept" }],
    });
    const { users, requests } = adapterFor(sim, id);
    const reason = new Error("caller gave up");
    const signal = AbortSignal.abort(reason);

    const calls: Array<[string, () => Promise<unknown>]> = [
      ["list", () => users.list({ signal })],
      [
        "iterate",
        async () => {
          for await (const _ of users.iterate({ signal })) {
            // never reached
          }
        },
      ],
      ["get", () => users.get("app-01", { signal })],
      ["create", () => users.create({ name: "app-02" }, { signal })],
      ["resetPassword", () => users.resetPassword("app-01", { signal })],
      ["updateSettings", () => users.updateSettings("app-01", { pg_allow_replication: true }, { signal })],
      ["delete", () => users.delete("app-01", { signal })],
    ];
    for (const [operation, call] of calls) {
      expect(await rejectionOf(call()), operation).toBe(reason);
    }
    expect(requests).toHaveLength(0);
    expect(handled).toHaveLength(0);
    expect(sim.digitalocean.listUsers(id).map((user) => [user.name, user.settings])).toEqual([
      ["doadmin", { pg_allow_replication: false }],
      ["app-01", { pg_allow_replication: false }],
    ]);
    expect(sim.digitalocean.getUser(id, "app-01")?.password).toBe("kept");
  });

  it("aborting while waiting for the answer rejects at once with the caller's reason", async () => {
    const { id } = sim.digitalocean.addCluster({ engine: "pg" });
    const { users } = adapterFor(sim, id);
    sim.failNext({ delayMs: 2_000, operationId: "databases_list_users" });
    const controller = new AbortController();
    const reason = new Error("shutting down");
    setTimeout(() => controller.abort(reason), 50);
    const started = performance.now();
    expect(await rejectionOf(users.list({ signal: controller.signal }))).toBe(reason);
    expect(performance.now() - started).toBeLessThan(1_500);
  });

  it("aborting while waiting out a retry-after stops the retries", async () => {
    const { id } = sim.digitalocean.addCluster({ engine: "pg" });
    const { users, requests } = adapterFor(sim, id);
    // DigitalOcean asks for 5 s: a deterministic wait, unlike jittered backoff.
    sim.failNext({ status: 429, retryAfterSeconds: 5, operationId: "databases_list_users" });
    const controller = new AbortController();
    const reason = new Error("enough");
    setTimeout(() => controller.abort(reason), 100);
    const started = performance.now();
    expect(await rejectionOf(users.list({ signal: controller.signal }))).toBe(reason);
    expect(performance.now() - started).toBeLessThan(2_500);
    expect(requests).toHaveLength(1);
  });
});

describe("DigitalOcean adapter: timeouts", () => {
  it("an answer slower than timeoutMs is a TimeoutError (retry: false)", async () => {
    const { id } = sim.digitalocean.addCluster({ engine: "pg" });
    const { users, requests } = adapterFor(sim, id, { timeoutMs: 100, retry: false });
    sim.failNext({ delayMs: 2_000 });
    const started = performance.now();
    const error = await rejectionOf(users.list());
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ provider: "digitalocean", code: "timeout", retryable: true });
    expect((error as TimeoutError).status).toBeUndefined();
    expect((error as Error).message).toMatch(/100 ms/);
    expect(performance.now() - started).toBeLessThan(1_500);
    expect(requests).toHaveLength(1);
  });

  it("a read that timed out is retried with a fresh budget and succeeds", async () => {
    const { id } = sim.digitalocean.addCluster({ engine: "pg" });
    const { users, requests } = adapterFor(sim, id, { timeoutMs: 500 });
    sim.failNext({ delayMs: 3_000, operationId: "databases_list_users" });
    expect((await users.list()).map((user) => user.name)).toEqual(["doadmin"]);
    expect(requests).toHaveLength(2);
  });
});
