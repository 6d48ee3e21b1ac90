// The options of Cloud66's own getAction and of an operation handle's wait() are checked before anything
// is sent, as the conformance suite checks every DatabaseUsers operation's: a JavaScript caller's `null`
// or `{ signal: "x" }` is a ValidationError naming it, never a TypeError or a request sent anyway.
import { ValidationError } from "@dbusers/core";
import { INVALID_OPERATION_OPTIONS } from "@dbusers/testing";
import { describe, expect, it } from "vitest";
import { adapterFor, addStack, handledOf, rejectionOf, startTestSimulator } from "./harness.ts";

const { sim, handled } = await startTestSimulator();

describe("Cloud66 adapter: getAction's options, and the listing's laziness", () => {
  it.each(INVALID_OPERATION_OPTIONS)(
    "getAction(789, %j) is a ValidationError at %s, nothing sent",
    async (options, path) => {
      const stack = addStack(sim, ["app_user"]);
      const { users, requests } = adapterFor(sim, stack);
      const error = await rejectionOf(users.getAction(789, options as never));
      expect(error).toBeInstanceOf(ValidationError);
      expect(error).toMatchObject({ provider: "cloud66", issues: [{ path }] });
      expect(requests).toHaveLength(0);
      expect(handled).toHaveLength(0);
    },
  );

  it("iterate() still reads nothing before the loop asks for a user", async () => {
    const { users, requests } = adapterFor(sim, addStack(sim, ["app_user"]));
    const stream = users.iterate({});
    expect(requests).toHaveLength(0);
    for await (const user of stream) expect(user.name).toBe("app_user");
    expect(requests).toHaveLength(1);
  });
});

describe("Cloud66 adapter: an operation handle's wait()", () => {
  it.each<[unknown, string]>([
    [null, "options"],
    ["soon", "options"],
    [{ signal: "abort" }, "signal"],
    [{ timeoutMs: 0 }, "wait.timeoutMs"],
  ])(
    "wait(%j) is a ValidationError at %s, no poll sent; the operation can still be waited for",
    async (options, path) => {
      const stack = addStack(sim);
      const { users } = adapterFor(sim, stack);
      const operation = await users.create({ name: "bob" }, { wait: false });
      const polls = handledOf(handled, "stack_actions_get").length;

      const error = await rejectionOf(operation.wait(options as never));
      expect(error).toBeInstanceOf(ValidationError);
      expect(error).toMatchObject({ provider: "cloud66", issues: [{ path }] });
      expect(handledOf(handled, "stack_actions_get")).toHaveLength(polls);

      const { user, password } = await operation.wait();
      expect(user.name).toBe("bob");
      expect(password.reveal()).toBe(sim.cloud66.getUser(stack.stackId, stack.groupId, "bob")?.password);
      expect(handledOf(handled, "database_users_create")).toHaveLength(1);
    },
  );
});
