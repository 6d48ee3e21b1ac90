// A user's whole life through the adapter, against the simulator's state: what the adapter returns
// must be what HostUp (here, the simulator) actually holds.
import { NotFoundError, Secret } from "@dbusers/core";
import { describe, expect, it } from "vitest";
import type { HostUpUser } from "../../src/index.ts";
import * as pkg from "../../src/index.ts";
import { adapterFor, rejectionOf, startTestSimulator, summary } from "./harness.ts";

const { sim } = await startTestSimulator();

describe("HostUp adapter: user lifecycle", () => {
  it("create → list → get → iterate → setPassword → resetPassword → delete → NotFoundError", async () => {
    const { id: account } = sim.hostup.addAccount();
    const { users, requests } = adapterFor(sim, account);

    // create without a password: the adapter chose one, and it is the one HostUp stored.
    const created = await users.create({ name: "appuser" });
    const stored = sim.hostup.getUser(account, "appuser");
    expect(created.user).toEqual({
      provider: "hostup",
      id: stored?.id,
      name: "appuser",
      host: "localhost",
      raw: { id: stored?.id, username: "appuser", host: "localhost" },
    });
    expect(created.user.id).toMatch(/^dbu_/);
    expect(created.password).toBeInstanceOf(Secret);
    expect(created.password.reveal()).toBe(stored?.password);

    const listed = await users.list();
    expect(listed).toEqual([created.user]);
    expect(await users.get("appuser")).toEqual(created.user);
    // HostUp takes a user's dbu_ id wherever it takes its name; so does get.
    expect(await users.get(created.user.id)).toEqual(created.user);
    const iterated: HostUpUser[] = [];
    for await (const user of users.iterate()) iterated.push(user);
    expect(iterated).toEqual(listed);

    await users.setPassword("appuser", "Chosen-Passw0rd-2026");
    expect(sim.hostup.getUser(account, "appuser")?.password).toBe("Chosen-Passw0rd-2026");

    const reset = await users.resetPassword(created.user.id);
    expect(reset.user).toEqual(created.user);
    expect(reset.password.reveal()).not.toBe("Chosen-Passw0rd-2026");
    expect(reset.password.reveal()).toBe(sim.hostup.getUser(account, "appuser")?.password);

    await users.delete("appuser");
    expect(sim.hostup.getUser(account, "appuser")).toBeUndefined();
    const error = await rejectionOf(users.get("appuser"));
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as Error).message).toBe(`hostup: account ${account} has no database user "appuser"`);
    // As a 404 of HostUp's would say: the same status on every vendor.
    expect((error as NotFoundError).status).toBe(404);

    // One request per call (get by listing), but create and delete look the user up first, to the
    // spec's paths, with the spec's bodies; delete addresses the user's dbu_ id.
    expect(summary(requests, account)).toEqual([
      "GET /shared-hosting/{account}/database-users",
      "POST /shared-hosting/{account}/database-users",
      "GET /shared-hosting/{account}/database-users",
      "GET /shared-hosting/{account}/database-users",
      "GET /shared-hosting/{account}/database-users",
      "GET /shared-hosting/{account}/database-users",
      "PUT /shared-hosting/{account}/database-users/appuser/password",
      `PUT /shared-hosting/{account}/database-users/${created.user.id}/password`,
      "GET /shared-hosting/{account}/database-users",
      `DELETE /shared-hosting/{account}/database-users/${created.user.id}`,
      "GET /shared-hosting/{account}/database-users",
    ]);
    expect(JSON.parse(requests[1]?.body ?? "")).toEqual({
      username: "appuser",
      password: created.password.reveal(),
    });
    expect(JSON.parse(requests[6]?.body ?? "")).toEqual({ newPassword: "Chosen-Passw0rd-2026" });
    expect(JSON.parse(requests[7]?.body ?? "")).toEqual({ newPassword: reset.password.reveal() });
  });

  it("create with a chosen password sends it as it is, a string or a Secret", async () => {
    const { id: account } = sim.hostup.addAccount();
    const { users } = adapterFor(sim, account);
    const fromString = await users.create({ name: "one", password: "Chosen-Passw0rd-1" });
    const fromSecret = await users.create({ name: "two", password: new Secret("Chosen-Passw0rd-2") });
    expect(fromString.password.reveal()).toBe("Chosen-Passw0rd-1");
    expect(fromSecret.password.reveal()).toBe("Chosen-Passw0rd-2");
    expect(sim.hostup.listUsers(account).map((u) => [u.username, u.password])).toEqual([
      ["one", "Chosen-Passw0rd-1"],
      ["two", "Chosen-Passw0rd-2"],
    ]);
  });

  it("a user HostUp reports without a host has none, rather than a guessed one", async () => {
    const { id: account } = sim.hostup.addAccount({ users: [{ username: "remote", host: null }] });
    const [user] = await adapterFor(sim, account).users.list();
    expect(user).toEqual({
      provider: "hostup",
      id: user?.id,
      name: "remote",
      raw: { id: user?.id, username: "remote", host: null },
    });
  });

  it("capabilities say what HostUp does, with notes where it matters", () => {
    const { users } = adapterFor(sim, sim.hostup.addAccount().id);
    const { notes, ...flags } = users.capabilities;
    const supported = Object.keys(flags).filter((flag) => flags[flag as keyof typeof flags]);
    expect(supported).toEqual(["get", "setPassword", "privileges"]);
    expect(Object.keys(flags)).toHaveLength(6);
    expect(notes).toEqual({
      get: expect.stringMatching(/^by listing/),
      setPassword: expect.stringMatching(/^HostUp documents no rule; .* \(unverified\)$/),
      privileges: expect.stringMatching(/^grantPrivileges\(\) and revokePrivileges\(\)/),
    });
    expect(users.provider).toBe("hostup");
  });

  it("errors, Secret and the common types come from this package: the same classes as @dbusers/core's", () => {
    expect(pkg.NotFoundError).toBe(NotFoundError);
    expect(pkg.Secret).toBe(Secret);
    expect(pkg.HOSTUP_PRIVILEGES).toContain("ALL PRIVILEGES");
  });
});
