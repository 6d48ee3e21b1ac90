// The control handle (`sim.hostup`), seeds and the URL a client takes as its baseUrl.
import { describe, expect, it } from "vitest";
import { DEFAULT_TOKEN, HOSTUP_DEMO_SEED } from "../../src/index.ts";
import { start } from "../helpers.ts";
import { hostupApi } from "./api.ts";

const DEMO_ACCOUNT = "acct_01hxa3b4c5d6e7f8g9h0j1k2m3";

describe("HostUp control handle and seeds", () => {
  it("sim.urls.hostup stands for https://cloud.hostup.se/api/v2: the spec's paths go right under it", async () => {
    const sim = await start({ seed: "demo" });
    expect(sim.urls.hostup).toBe(`${sim.url}/hostup`);
    const response = await fetch(`${sim.urls.hostup}/shared-hosting/${DEMO_ACCOUNT}/database-users`, {
      headers: { authorization: `Bearer ${DEFAULT_TOKEN}` },
    });
    expect(response.status).toBe(200);
    expect(
      (await fetch(`${sim.urls.hostup}/api/v2/shared-hosting/${DEMO_ACCOUNT}/database-users`)).status,
    ).toBe(404);
  });

  it('seed "demo" is HostUp\'s own example account, the same every time, and reset() restores it', async () => {
    const sim = await start({ seed: "demo" });
    const shape = () =>
      sim.hostup.listAccounts().map((account) => ({
        id: account.id,
        databases: account.databases,
        users: account.users.map(({ id, username, host, privileges }) => ({
          id,
          username,
          host,
          privileges,
        })),
      }));
    const expected = [
      {
        id: DEMO_ACCOUNT,
        databases: ["abcde_wp_example", "abcde_shop"],
        users: [
          {
            id: "dbu_01hxa3b4c5d6e7f8g9h0j1k2m3",
            username: "appuser",
            host: "localhost",
            privileges: { abcde_wp_example: ["INSERT", "SELECT", "UPDATE"] },
          },
          {
            id: "dbu_01hxb7q2w9e4r5t6y7u8i9o0p1",
            username: "wp_reader",
            host: "localhost",
            privileges: { abcde_wp_example: ["SELECT"] },
          },
        ],
      },
    ];
    expect(shape()).toEqual(expected);
    await hostupApi(sim, DEMO_ACCOUNT)("DELETE", "/appuser");
    sim.hostup.addAccount({ id: "acct_extra" });
    sim.reset();
    expect(shape()).toEqual(expected);
    expect(HOSTUP_DEMO_SEED.accounts?.[0]?.id).toBe(DEMO_ACCOUNT);
  });

  it("an explicit seed, and the handle's reads, writes and removals", async () => {
    const sim = await start({
      seed: {
        hostup: { accounts: [{ id: "acct_a", databases: ["a_db"], users: [{ username: "old-style" }] }] },
      },
    });
    // Any name: users made in cPanel may have names the API's create refuses.
    expect(sim.hostup.getUser("acct_a", "old-style")).toMatchObject({
      username: "old-style",
      privileges: {},
    });
    const added = sim.hostup.addUser("acct_a", {
      username: "app",
      password: "Fixed-Passw0rd",
      id: "dbu_fixed",
      host: null,
      privileges: { a_db: ["SELECT", "ALL PRIVILEGES"] },
    });
    expect(added).toEqual({
      id: "dbu_fixed",
      username: "app",
      host: null,
      password: "Fixed-Passw0rd",
      privileges: { a_db: ["ALL PRIVILEGES"] },
    });
    expect(sim.hostup.getUser("acct_a", "dbu_fixed")).toEqual(added);
    expect(sim.hostup.listUsers("acct_a").map((u) => u.username)).toEqual(["old-style", "app"]);

    expect(() => sim.hostup.addUser("acct_a", { username: "app" })).toThrow("already exists");
    expect(() => sim.hostup.addUser("acct_a", { username: "x", privileges: { b_db: ["SELECT"] } })).toThrow(
      "database",
    );
    expect(() => sim.hostup.addUser("acct_missing", { username: "x" })).toThrow("no HostUp account");
    expect(() => sim.hostup.addAccount({ id: "acct_a" })).toThrow("already exists");

    expect(sim.hostup.removeUser("acct_a", "dbu_fixed")).toBe(true);
    expect(sim.hostup.removeUser("acct_a", "dbu_fixed")).toBe(false);
    expect(sim.hostup.listUsers("acct_missing")).toEqual([]);
    expect(sim.hostup.getAccount("acct_a")?.users.map((u) => u.username)).toEqual(["old-style"]);
    expect(sim.hostup.removeAccount("acct_a")).toBe(true);
    expect(sim.hostup.getAccount("acct_a")).toBeUndefined();
    sim.hostup.addAccount();
    sim.hostup.clear();
    expect(sim.hostup.listAccounts()).toEqual([]);
  });
});
