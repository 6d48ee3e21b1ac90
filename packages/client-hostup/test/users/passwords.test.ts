// Passwords the adapter chooses (create without one, resetPassword): crypto-random, never repeated, and
// within the rule the spec guesses for database users' passwords; a reset whose answer was lost sends
// the same one again, so the caller holds the password HostUp has.
import { describe, expect, it } from "vitest";
import { generateHostUpPassword } from "../../src/password.ts";
import { meetsSchema, specSchema } from "../spec.ts";
import { adapterFor, startTestSimulator } from "./harness.ts";

const { sim } = await startTestSimulator();

describe("HostUp adapter: generated passwords", () => {
  it("10,000 of them are distinct and every one meets the spec's database_user_password rule", () => {
    const rule = specSchema("database_user_password");
    const passwords = Array.from({ length: 10_000 }, () => generateHostUpPassword("appuser"));
    expect(new Set(passwords).size).toBe(passwords.length);
    // One assertion for the lot: the offenders, if any, are listed.
    expect(passwords.filter((password) => !meetsSchema(password, rule))).toEqual([]);
    // Letters and digits only: nothing to quote in a connection string.
    expect(passwords.filter((password) => !/^[A-Za-z0-9]{32}$/.test(password))).toEqual([]);
  });

  it("never contain the user's name, case aside, however short the name", async () => {
    const passwords = Array.from({ length: 2_000 }, () => generateHostUpPassword("Q"));
    expect(passwords.filter((password) => /q/i.test(password))).toEqual([]);
    // HostUp (here its simulator) refuses a password holding the name: a one-letter user still gets one.
    const { id } = sim.hostup.addAccount();
    const { users } = adapterFor(sim, id);
    const { password } = await users.create({ name: "q" });
    expect(password.reveal()).toBe(sim.hostup.getUser(id, "q")?.password);
  });

  it("create and resetPassword hand back the password HostUp was sent, new each time", async () => {
    const { id } = sim.hostup.addAccount();
    const { users } = adapterFor(sim, id);
    const seen = new Set<string>();
    const { password } = await users.create({ name: "appuser" });
    seen.add(password.reveal());
    for (let i = 0; i < 3; i++) {
      const reset = await users.resetPassword("appuser");
      expect(reset.password.reveal()).toBe(sim.hostup.getUser(id, "appuser")?.password);
      seen.add(reset.password.reveal());
    }
    expect(seen.size).toBe(4);
  });

  it("a reset whose answer was lost is sent again with the same password: the one handed back works", async () => {
    const { id } = sim.hostup.addAccount({ users: [{ username: "appuser", password: "Old-Passw0rd-1" }] });
    // No transport retries: the mutation's own re-send is what is tried.
    const { users, requests } = adapterFor(sim, id, { retry: false });
    sim.failNext({ vendor: "hostup", drop: "after-handling", operationId: "reset_database_user_password" });

    const { password } = await users.resetPassword("appuser");

    expect(password.reveal()).toBe(sim.hostup.getUser(id, "appuser")?.password);
    expect(requests.map((request) => request.method)).toEqual(["PUT", "PUT"]);
    expect(requests[0]?.body).toBe(requests[1]?.body);
  });
});
