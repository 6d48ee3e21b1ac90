// The vendor extensions: MySQL privileges per database, granted and revoked through the adapter and
// held by the simulator.
import { NotFoundError, ValidationError } from "@dbusers/core";
import { describe, expect, it } from "vitest";
import { HOSTUP_PRIVILEGES } from "../../src/index.ts";
import { adapterFor, rejectionOf, startTestSimulator, summary } from "./harness.ts";

const { sim } = await startTestSimulator();
const DB = "abcde_shop";

function accountWithUser() {
  const { id } = sim.hostup.addAccount({ databases: [DB, "abcde_blog"], users: [{ username: "shop" }] });
  return { id, ...adapterFor(sim, id), held: () => sim.hostup.getUser(id, "shop")?.privileges };
}

describe("HostUp adapter: privileges", () => {
  it("grantPrivileges adds to what the user holds on one database and resolves with it", async () => {
    const { id, users, requests, held } = accountWithUser();
    expect(await users.grantPrivileges("shop", DB, ["SELECT"])).toEqual({
      database: DB,
      privileges: ["SELECT"],
    });
    expect(await users.grantPrivileges("shop", DB, ["INSERT", "UPDATE"])).toEqual({
      database: DB,
      privileges: ["INSERT", "SELECT", "UPDATE"],
    });
    await users.grantPrivileges("shop", "abcde_blog", ["ALL PRIVILEGES"]);
    expect(held()).toEqual({ [DB]: ["INSERT", "SELECT", "UPDATE"], abcde_blog: ["ALL PRIVILEGES"] });
    expect(summary(requests, id)).toEqual(
      Array(3).fill("POST /shared-hosting/{account}/database-users/shop/privileges"),
    );
    expect(JSON.parse(requests[1]?.body ?? "")).toEqual({ database: DB, privileges: ["INSERT", "UPDATE"] });
  });

  it("revokePrivileges takes some privileges, or every one on the database when none are named", async () => {
    const { users, requests, held } = accountWithUser();
    await users.grantPrivileges("shop", DB, ["SELECT", "INSERT"]);
    await users.grantPrivileges("shop", "abcde_blog", ["SELECT"]);
    // HostUp answers 204: there is nothing to resolve with.
    expect(await users.revokePrivileges("shop", DB, ["INSERT"])).toBeUndefined();
    expect(held()).toEqual({ [DB]: ["SELECT"], abcde_blog: ["SELECT"] });
    await users.revokePrivileges("shop", "abcde_blog");
    expect(held()).toEqual({ [DB]: ["SELECT"] });
    expect(JSON.parse(requests[3]?.body ?? "")).toEqual({ database: "abcde_blog" });
  });

  it("a user's dbu_ id works as well as its name", async () => {
    const { id, users, held } = accountWithUser();
    const userId = sim.hostup.getUser(id, "shop")?.id ?? "";
    await users.grantPrivileges(userId, DB, ["SELECT"]);
    await users.revokePrivileges(userId, DB);
    await users.grantPrivileges(userId, DB, ["DELETE"]);
    expect(held()).toEqual({ [DB]: ["DELETE"] });
  });

  it("an unknown user is a NotFoundError, and deleting a user drops its privileges", async () => {
    const { id, users } = accountWithUser();
    expect(await rejectionOf(users.grantPrivileges("nobody", DB, ["SELECT"]))).toBeInstanceOf(NotFoundError);
    expect(await rejectionOf(users.revokePrivileges("nobody", DB))).toBeInstanceOf(NotFoundError);
    await users.grantPrivileges("shop", DB, ["SELECT"]);
    await users.delete("shop");
    sim.hostup.addUser(id, { username: "shop" });
    expect(sim.hostup.getUser(id, "shop")?.privileges).toEqual({});
  });

  it("a lower-case alias, which HostUp documents as accepted, is sent in its canonical spelling", async () => {
    const { users, requests, held } = accountWithUser();
    await users.grantPrivileges("shop", DB, ["select", " insert "] as never);
    expect(JSON.parse(requests.at(-1)?.body ?? "")).toEqual({
      database: DB,
      privileges: ["SELECT", "INSERT"],
    });
    expect(held()?.[DB]).toEqual(["INSERT", "SELECT"]);
  });

  it("a privilege outside the spec's guessed list is left to HostUp, whose refusal is a ValidationError", async () => {
    const { users, requests } = accountWithUser();
    const error = await rejectionOf(users.grantPrivileges("shop", DB, ["SUPER"] as never));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ status: 400, outcome: "not-applied", operation: "grantPrivileges" });
    expect(requests).toHaveLength(1);
  });

  it("HOSTUP_PRIVILEGES lists every privilege the spec guesses, each grantable", async () => {
    const { users, held } = accountWithUser();
    const each = HOSTUP_PRIVILEGES.filter((privilege) => privilege !== "ALL PRIVILEGES");
    expect(each).toHaveLength(18);
    await users.grantPrivileges("shop", DB, each);
    expect(held()?.[DB]).toEqual([...each].sort());
  });
});
