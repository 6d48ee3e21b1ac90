// Cloud66's retry rules through the adapter: `503 throttled` is rate limiting and is retried, even for
// a mutation; `503 not_implemented` is permanent and never retried; the transport re-sends no other
// failed mutation, since a second DELETE or regeneration would queue a second action (the engine looks
// first). (The shared conformance suite covers throttled reads and creates.)

import { RateLimitError, UnsupportedOperationError } from "@dbusers/core";
import { DEFAULT_TOKEN } from "@dbusers/simulator";
import { describe, expect, it } from "vitest";
import { adapterFor, addStack, handledOf, rejectionOf, startTestSimulator } from "./harness.ts";

const { sim, handled } = await startTestSimulator();
// Cloud66 allows 3,000 requests an hour; two are enough to reach the limit here.
const limited = await startTestSimulator({ rateLimit: { limit: 2, windowMs: 3_600_000 } });

/** A 503 that is not throttling, in Cloud66's format: what a proxy or Cloud66 itself may answer. */
const notImplemented = () =>
  Response.json(
    { error: "not_implemented", error_description: "This resource is not actively implemented" },
    { status: 503 },
  );

describe("Cloud66 adapter: mutations and 503s", () => {
  it.each([
    ["delete", "database_users_delete"],
    ["resetPassword", "database_users_regenerate_password"],
  ] as const)(
    "%s is re-sent after 503 throttled and waits for its one action",
    async (operation, operationId) => {
      const stack = addStack(sim, ["app_user"]);
      const { users } = adapterFor(sim, stack);
      sim.failNext({ vendor: "cloud66", operationId, status: 503 });
      await users[operation]("app_user");
      expect(handledOf(handled, operationId)).toHaveLength(2);
      expect(sim.cloud66.listActions(stack.stackId)).toHaveLength(1);
    },
  );

  it("a throttling answer in plain text (`throttled`) is recognised: the delete is re-sent", async () => {
    const stack = addStack(sim, ["app_user"]);
    const { users, rewriteNext } = adapterFor(sim, stack);
    sim.failNext({ vendor: "cloud66", operationId: "database_users_delete", status: 503 });
    rewriteNext(async (answer) => answer); // the lookup passes
    rewriteNext(() => new Response("throttled", { status: 503, headers: { "content-type": "text/plain" } }));
    await users.delete("app_user");
    expect(handledOf(handled, "database_users_delete")).toHaveLength(2);
    expect(sim.cloud66.getUser(stack.stackId, stack.groupId, "app_user")).toBeUndefined();
  });

  it("503 not_implemented is permanent: an UnsupportedOperationError, nothing re-sent, not applied", async () => {
    const stack = addStack(sim, ["app_user"]);
    const sent: string[] = [];
    // Cloud66 answers what it does not implement without doing anything: the DELETE does not reach it.
    const { users } = adapterFor(sim, stack, {
      fetch: async (input, init) => {
        const request = new Request(input, init);
        sent.push(request.method);
        return request.method === "DELETE" ? notImplemented() : fetch(request);
      },
    });
    const error = await rejectionOf(users.delete("app_user"));
    expect(error).toBeInstanceOf(UnsupportedOperationError);
    expect(error).toMatchObject({
      status: 503,
      vendorCode: "not_implemented",
      operation: "delete",
      outcome: "not-applied",
    });
    expect((error as Error).message).toBe("cloud66 answered 503: This resource is not actively implemented");
    expect(sent).toEqual(["GET", "DELETE"]);
    expect(sim.cloud66.getUser(stack.stackId, stack.groupId, "app_user")).toBeDefined();
  });

  it("503 not_implemented to a read is not retried either", async () => {
    const stack = addStack(sim, ["app_user"]);
    const { users, requests, rewriteNext } = adapterFor(sim, stack);
    rewriteNext(notImplemented);
    expect(await rejectionOf(users.list())).toBeInstanceOf(UnsupportedOperationError);
    expect(requests).toHaveLength(1);
  });

  it("a read answered 500 is retried (a mutation's lost answer is the engine's: lost-answers.test.ts)", async () => {
    const stack = addStack(sim, ["app_user"]);
    const { users } = adapterFor(sim, stack);
    sim.failNext({ vendor: "cloud66", operationId: "database_users_list", status: 500 });
    expect((await users.list()).map((user) => user.name)).toEqual(["app_user"]);
    expect(handledOf(handled, "database_users_list")).toHaveLength(2);
  });

  it("a spent hourly allowance is 503 throttled on every request: a RateLimitError once retries run out", async () => {
    const stack = addStack(limited.sim, ["app_user"]);
    const { users } = adapterFor(limited.sim, stack);
    await users.list();
    await users.list();
    const error = await rejectionOf(users.list());
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({
      status: 503,
      vendorCode: "throttled",
      code: "rate_limited",
      retryable: true,
    });
    expect((error as RateLimitError).retryAfterMs).toBeUndefined();
    expect((error as Error).message).toBe(
      "cloud66 answered 503: Rate limit exceeded. Retry in the next hourly interval.",
    );
    // The two lists that passed, then the third one three times (two retries), each refused.
    expect(handledOf(limited.handled, "database_users_list")).toHaveLength(5);
    expect(JSON.stringify(error)).not.toContain(DEFAULT_TOKEN);
  });
});
