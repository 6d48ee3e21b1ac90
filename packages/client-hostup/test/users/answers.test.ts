// HostUp's documentation leaves some answers open (x-dbusers-unverified in the spec): the adapter takes
// each answer the spec allows, and a 2xx whose body it cannot read is still a success: it never fails
// the call, nor costs the caller a password.
import { type AnswerRewrite, recordingFetch } from "@dbusers/testing";
import { describe, expect, it } from "vitest";
import { createHostUpUsers } from "../../src/index.ts";
import { DEFAULT_TOKEN, startTestSimulator, summary } from "./harness.ts";

const { sim } = await startTestSimulator();
const DB = "abcde_shop";

/** An answer of `status` with `body` as JSON, or with no body. */
const answer = (status: number, body?: unknown) => () =>
  body === undefined ? new Response(null, { status }) : Response.json(body, { status });

/**
 * An adapter for a fresh account with the user `shop`, whose next answers are replaced (the requests
 * still reach the simulator and are applied: a proxy spoiled the answers, not the API).
 */
function answeredWith(...answers: AnswerRewrite[]) {
  const { id } = sim.hostup.addAccount({ databases: [DB], users: [{ username: "shop" }] });
  const recorder = recordingFetch();
  for (const next of answers) recorder.rewriteNext(next);
  const users = createHostUpUsers({
    token: DEFAULT_TOKEN,
    accountId: id,
    baseUrl: sim.urls.hostup,
    fetch: recorder.fetch,
  });
  return { id, users, requests: recorder.requests, rewriteNext: recorder.rewriteNext };
}

describe("HostUp adapter: the answers the spec leaves open", () => {
  it("a password change answered 204: resetPassword looks the user up, and its password works", async () => {
    const { id, users, requests } = answeredWith(answer(204));
    const { user, password } = await users.resetPassword("shop");
    expect(user).toMatchObject({ provider: "hostup", name: "shop", id: sim.hostup.getUser(id, "shop")?.id });
    expect(password.reveal()).toBe(sim.hostup.getUser(id, "shop")?.password);
    expect(summary(requests, id)).toEqual([
      "PUT /shared-hosting/{account}/database-users/shop/password",
      "GET /shared-hosting/{account}/database-users",
    ]);
  });

  it.each([
    [
      "a body that is not JSON",
      () => new Response("<html>OK</html>", { headers: { "content-type": "text/html" } }),
    ],
    ["a user without its id", answer(200, { username: "shop", host: "localhost" })],
  ])(
    "a password change answered 200 with %s still hands back the password HostUp now holds",
    async (_, spoiled) => {
      const { id, users, rewriteNext } = answeredWith(spoiled);
      const { user, password } = await users.resetPassword("shop");
      expect(user.name).toBe("shop");
      expect(password.reveal()).toBe(sim.hostup.getUser(id, "shop")?.password);
      rewriteNext(spoiled);
      await expect(users.setPassword("shop", "Chosen-Passw0rd-9")).resolves.toBeUndefined();
      expect(sim.hostup.getUser(id, "shop")?.password).toBe("Chosen-Passw0rd-9");
    },
  );

  it("a grant answered 204 resolves with undefined; a revoke answered 200 with what is left", async () => {
    const grant = answeredWith(answer(204));
    expect(await grant.users.grantPrivileges("shop", DB, ["SELECT"])).toBeUndefined();
    expect(sim.hostup.getUser(grant.id, "shop")?.privileges).toEqual({ [DB]: ["SELECT"] });

    const revoke = answeredWith(answer(200, { database: DB, privileges: [] }));
    expect(await revoke.users.revokePrivileges("shop", DB)).toEqual({ database: DB, privileges: [] });
  });

  it.each([
    ["{}", {}],
    ["a body without the privileges list", { database: DB }],
    ["a list holding something else than names", { database: DB, privileges: [1] }],
  ])("a grant answered 200 with %s is a grant that happened: it resolves with undefined", async (_, body) => {
    const { id, users } = answeredWith(answer(200, body));
    expect(await users.grantPrivileges("shop", DB, ["SELECT"])).toBeUndefined();
    expect(sim.hostup.getUser(id, "shop")?.privileges).toEqual({ [DB]: ["SELECT"] });
  });

  it("a revoke answered 200 with a body that is not JSON resolves with undefined", async () => {
    const { id, users } = answeredWith(
      () => new Response("OK", { status: 200, headers: { "content-type": "application/json" } }),
    );
    expect(await users.revokePrivileges("shop", DB)).toBeUndefined();
    expect(sim.hostup.getUser(id, "shop")?.privileges).toEqual({});
  });

  it("a password change answered 200 with {} is no user: resetPassword looks it up, sending once", async () => {
    const { id, users, requests } = answeredWith(answer(200, {}));
    const { user, password } = await users.resetPassword("shop");
    expect(user.id).toBe(sim.hostup.getUser(id, "shop")?.id);
    expect(password.reveal()).toBe(sim.hostup.getUser(id, "shop")?.password);
    expect(summary(requests, id)).toEqual([
      "PUT /shared-hosting/{account}/database-users/shop/password",
      "GET /shared-hosting/{account}/database-users",
    ]);
  });
});
