// Cloud66's own secrets besides passwords and the token (which the shared conformance suite checks):
// the password hash that `show_password` lists, in users and in debug lines.
import { inspect } from "node:util";
import { isSecret, REDACTED } from "@dbusers/core";
import { expectNoLeak } from "@dbusers/testing";
import { describe, expect, it } from "vitest";
import { adapterFor, addStack, startTestSimulator } from "./harness.ts";

const { sim } = await startTestSimulator();

describe("Cloud66 adapter: secrets stay secret", () => {
  it("a user's password hash is a Secret in raw, and the users the adapter returns show none", async () => {
    const stack = addStack(sim);
    const { users } = adapterFor(sim, stack);
    const created = await users.create({ name: "app" });
    const stored = sim.cloud66.getUser(stack.stackId, stack.groupId, "app");
    const hash = stored?.password_hash ?? "missing";
    expect(isSecret(created.user.raw.password_hash)).toBe(true);
    expect(created.user.raw.password_hash?.reveal()).toBe(hash);
    expect(inspect(created.user.raw, { depth: null })).toContain(`password_hash: ${REDACTED}`);
    expectNoLeak([created, await users.list(), await users.get("app")], [hash, stored?.password ?? ""]);
  });

  it("logger.debug masks the password and its hash in the show_password listing", async () => {
    const stack = addStack(sim);
    const lines: Array<Record<string, unknown> | undefined> = [];
    const logger = { debug: (_: string, meta?: Record<string, unknown>) => lines.push(meta) };
    const { users } = adapterFor(sim, stack, { logger });
    await users.create({ name: "app" });
    const listing = lines.find((line) => String(line?.url).includes("show_password=true"));
    expect(listing?.responseBody).toMatchObject({
      response: [{ username: "app", password: REDACTED, password_hash: REDACTED }],
    });
    const stored = sim.cloud66.getUser(stack.stackId, stack.groupId, "app");
    expectNoLeak(lines, [stored?.password ?? "", stored?.password_hash ?? ""]);
  });
});
