import { describe, expect, it } from "vitest";
import { start } from "../helpers.ts";
import { expectProblem, hostupApi } from "./api.ts";

const DBU_ID = /^dbu_[0-9a-z]{26}$/;

describe("HostUp database users", () => {
  it("create → list → password → delete, each applied to the account's state", async () => {
    const sim = await start();
    const account = sim.hostup.addAccount();
    const api = hostupApi(sim, account.id);

    const created = await api("POST", "", { body: { username: "appuser", password: "Vq7mK2xTz9pLw4Rn" } });
    expect(created.status).toBe(201);
    expect(created.headers.get("content-type")).toMatch(/^application\/json/);
    // Exactly HostUp's three fields: no password, no privileges.
    expect(created.body).toEqual({
      id: expect.stringMatching(DBU_ID),
      username: "appuser",
      host: "localhost",
    });
    const { id } = created.body;
    expect(sim.hostup.getUser(account.id, "appuser")).toEqual({
      ...created.body,
      password: "Vq7mK2xTz9pLw4Rn",
      privileges: {},
    });

    const listed = await api("GET");
    expect(listed).toMatchObject({ status: 200, body: { databaseUsers: [created.body] } });

    const changed = await api("PUT", "/appuser/password", { body: { newPassword: "Hs4nP8qWc2vXe6Zt" } });
    expect(changed).toMatchObject({ status: 200, body: created.body });
    expect(sim.hostup.getUser(account.id, id)?.password).toBe("Hs4nP8qWc2vXe6Zt");

    const deleted = await api("DELETE", "/appuser");
    expect(deleted.status).toBe(204);
    expect(deleted.body).toBeUndefined();
    expect((await api("GET")).body).toEqual({ databaseUsers: [] });
    expect(sim.violations).toEqual([]);
  });

  it("takes a user's dbu_ id wherever it takes a name, and lists users in creation order", async () => {
    const sim = await start();
    const account = sim.hostup.addAccount({ databases: ["abcde_shop"], users: [{ username: "first" }] });
    const api = hostupApi(sim, account.id);
    const { body: second } = await api("POST", "", {
      body: { username: "second", password: "Vq7mK2xTz9pLw4Rn" },
    });

    expect(
      (await api("PUT", `/${second.id}/password`, { body: { newPassword: "Hs4nP8qWc2vXe6Zt" } })).body,
    ).toEqual(second);
    const granted = await api("POST", `/${second.id}/privileges`, {
      body: { database: "abcde_shop", privileges: ["SELECT"] },
    });
    expect(granted.body).toEqual({ database: "abcde_shop", privileges: ["SELECT"] });
    expect((await api("GET")).body.databaseUsers.map((u: { username: string }) => u.username)).toEqual([
      "first",
      "second",
    ]);
    expect((await api("DELETE", `/${second.id}`)).status).toBe(204);
    expect(sim.hostup.listUsers(account.id).map((u) => u.username)).toEqual(["first"]);
  });

  it("gives every user its own dbu_ id and, when seeded without one, a crypto-random password", async () => {
    const sim = await start();
    const account = sim.hostup.addAccount({
      users: [{ username: "a" }, { username: "b" }, { username: "c" }],
    });
    const users = sim.hostup.listUsers(account.id);
    expect(new Set(users.map((u) => u.id)).size).toBe(3);
    for (const user of users) {
      expect(user.id).toMatch(DBU_ID);
      expect(user.password).toMatch(/^(?=.*[a-z])(?=.*[A-Z])(?=.*[0-9]).{8,128}$/);
    }
    expect(new Set(users.map((u) => u.password)).size).toBe(3);
    expect(account.id).toMatch(/^acct_[0-9a-z]{26}$/);
  });

  it("refuses a taken name with 409 conflict, leaving the existing user as it was", async () => {
    const sim = await start();
    const account = sim.hostup.addAccount({
      users: [{ username: "appuser", password: "Existing-Passw0rd" }],
    });
    const answer = await hostupApi(sim, account.id)("POST", "", {
      body: { username: "appuser", password: "Vq7mK2xTz9pLw4Rn" },
    });
    expectProblem(answer, 409, "conflict");
    expect(answer.body.detail).toBe("A database user named appuser already exists.");
    expect(sim.hostup.listUsers(account.id)).toHaveLength(1);
    expect(sim.hostup.getUser(account.id, "appuser")?.password).toBe("Existing-Passw0rd");
  });

  it("refuses a password that contains the username as too weak (400 password_too_weak), on create and change", async () => {
    const sim = await start();
    const account = sim.hostup.addAccount({ users: [{ username: "shop", password: "Before-Passw0rd" }] });
    const api = hostupApi(sim, account.id);
    expectProblem(
      await api("POST", "", { body: { username: "appuser", password: "AppUser2024" } }),
      400,
      "password_too_weak",
    );
    expectProblem(
      await api("PUT", "/shop/password", { body: { newPassword: "MyShop123" } }),
      400,
      "password_too_weak",
    );
    expect(sim.hostup.listUsers(account.id).map((u) => [u.username, u.password])).toEqual([
      ["shop", "Before-Passw0rd"],
    ]);
  });

  it("answers 404 not_found for an unknown account or user, on every operation", async () => {
    const sim = await start();
    const account = sim.hostup.addAccount({ databases: ["abcde_shop"] });
    const unknown = hostupApi(sim, "acct_01unknown");
    const known = hostupApi(sim, account.id);
    const grant = { database: "abcde_shop", privileges: ["SELECT"] };
    const answers = [
      await unknown("GET"),
      await unknown("POST", "", { body: { username: "appuser", password: "Vq7mK2xTz9pLw4Rn" } }),
      await known("DELETE", "/nobody"),
      await known("PUT", "/nobody/password", { body: { newPassword: "Vq7mK2xTz9pLw4Rn" } }),
      await known("POST", "/nobody/privileges", { body: grant }),
      await known("DELETE", "/nobody/privileges", { body: { database: "abcde_shop" } }),
    ];
    for (const answer of answers) expectProblem(answer, 404, "not_found");
    expect(sim.violations).toEqual([]);
  });
});
