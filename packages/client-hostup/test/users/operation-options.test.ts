// The options of HostUp's own operations, grantPrivileges and revokePrivileges, are checked as the
// conformance suite checks every DatabaseUsers operation's: before anything is sent.
import { ValidationError } from "@dbusers/core";
import { INVALID_OPERATION_OPTIONS } from "@dbusers/testing";
import { describe, expect, it } from "vitest";
import type { HostUpUsers } from "../../src/index.ts";
import { adapterFor, rejectionOf, startTestSimulator } from "./harness.ts";

const { sim, handled } = await startTestSimulator();

const operations: Array<[string, (users: HostUpUsers, options: never) => Promise<unknown>]> = [
  [
    "grantPrivileges",
    (users, options) => users.grantPrivileges("app_user", "abcde_shop", ["SELECT"], options),
  ],
  [
    "revokePrivileges",
    (users, options) => users.revokePrivileges("app_user", "abcde_shop", undefined, options),
  ],
];

describe("HostUp adapter: the options of the privilege operations", () => {
  it.each(operations)("%s refuses options that are not options, sending nothing", async (_, call) => {
    const account = sim.hostup.addAccount({ databases: ["abcde_shop"], users: [{ username: "app_user" }] });
    const before = structuredClone(sim.hostup.getUser(account.id, "app_user"));
    const { users, requests } = adapterFor(sim, account.id);
    for (const [options, path] of INVALID_OPERATION_OPTIONS) {
      const error = await rejectionOf(call(users, options as never));
      expect(error, JSON.stringify(options)).toBeInstanceOf(ValidationError);
      expect(error).toMatchObject({ provider: "hostup", issues: [{ path }] });
    }
    expect(requests).toHaveLength(0);
    expect(handled).toHaveLength(0);
    expect(sim.hostup.getUser(account.id, "app_user")).toEqual(before);
  });
});
