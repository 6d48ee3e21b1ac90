import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { resolveSpecFile } from "../../src/framework/spec.ts";
import { EACH_PRIVILEGE } from "../../src/vendors/hostup/state.ts";
import { start } from "../helpers.ts";
import { expectProblem, hostupApi } from "./api.ts";

const DB = "abcde_wp_example";

async function account(privileges: Record<string, string[]> = {}) {
  const sim = await start();
  const { id } = sim.hostup.addAccount({
    databases: [DB, "abcde_shop"],
    users: [{ username: "appuser", privileges: privileges as never }],
  });
  const api = hostupApi(sim, id);
  return {
    sim,
    grant: (privileges: string[], database = DB) =>
      api("POST", "/appuser/privileges", { body: { database, privileges } }),
    revoke: (body: { database: string; privileges?: string[] }) =>
      api("DELETE", "/appuser/privileges", { body }),
    held: () => sim.hostup.getUser(id, "appuser")?.privileges,
  };
}

describe("HostUp privileges per database", () => {
  it("a grant adds to what the user holds on that database, and answers the result", async () => {
    const { grant, held } = await account({ abcde_shop: ["SELECT"] });
    expect(await grant(["SELECT", "INSERT"])).toMatchObject({
      status: 200,
      body: { database: DB, privileges: ["INSERT", "SELECT"] },
    });
    expect((await grant(["UPDATE", "SELECT"])).body.privileges).toEqual(["INSERT", "SELECT", "UPDATE"]);
    expect(held()).toEqual({ abcde_shop: ["SELECT"], [DB]: ["INSERT", "SELECT", "UPDATE"] });
  });

  it("ALL PRIVILEGES replaces the list, and a later grant leaves it whole", async () => {
    const { grant, held } = await account({ [DB]: ["SELECT"] });
    expect((await grant(["ALL PRIVILEGES"])).body.privileges).toEqual(["ALL PRIVILEGES"]);
    expect((await grant(["INSERT"])).body.privileges).toEqual(["ALL PRIVILEGES"]);
    expect(held()).toEqual({ [DB]: ["ALL PRIVILEGES"] });
  });

  it("revoking some privileges keeps the rest; revoking the last, or all, forgets the database", async () => {
    const { revoke, held } = await account({ [DB]: ["SELECT", "INSERT", "UPDATE"], abcde_shop: ["SELECT"] });
    const answer = await revoke({ database: DB, privileges: ["INSERT", "UPDATE"] });
    expect(answer.status).toBe(204);
    expect(answer.body).toBeUndefined();
    expect(held()).toEqual({ [DB]: ["SELECT"], abcde_shop: ["SELECT"] });
    await revoke({ database: DB, privileges: ["SELECT"] });
    expect(held()).toEqual({ abcde_shop: ["SELECT"] });
    await revoke({ database: "abcde_shop" });
    expect(held()).toEqual({});
    // Nothing left to revoke: still a success.
    expect((await revoke({ database: "abcde_shop" })).status).toBe(204);
  });

  it("revoking one privilege from ALL PRIVILEGES keeps every other one, as MySQL does", async () => {
    const { revoke, held } = await account({ [DB]: ["ALL PRIVILEGES"] });
    await revoke({ database: DB, privileges: ["DROP"] });
    expect(held()?.[DB]).toEqual(EACH_PRIVILEGE.filter((privilege) => privilege !== "DROP"));
  });

  it("a database the account does not have is a 400 with a field error on /database, changing nothing", async () => {
    const { sim, grant, revoke, held } = await account({ [DB]: ["SELECT"] });
    for (const answer of [await grant(["SELECT"], "other_db"), await revoke({ database: "other_db" })]) {
      expectProblem(answer, 400, "invalid_request");
      expect(answer.body.errors).toEqual([
        {
          pointer: "/database",
          detail: "`database` is not a database of this account.",
          code: "invalid_request",
        },
      ]);
    }
    expect(held()).toEqual({ [DB]: ["SELECT"] });
    expect(sim.violations).toEqual([]);
  });

  it("lower-case aliases are refused: the spec takes canonical names only", async () => {
    const { grant, held } = await account();
    const answer = await grant(["select"]);
    expectProblem(answer, 400, "invalid_request");
    expect(answer.body.errors).toEqual([
      expect.objectContaining({ pointer: "/privileges/0", code: "invalid_request" }),
    ]);
    expect(held()).toEqual({});
  });

  it("EACH_PRIVILEGE is the spec's mysql_privilege enum without ALL PRIVILEGES, in its order", () => {
    const spec = parse(readFileSync(resolveSpecFile("hostup.yaml"), "utf8"));
    expect(["ALL PRIVILEGES", ...EACH_PRIVILEGE]).toEqual(spec.components.schemas.mysql_privilege.enum);
  });
});
