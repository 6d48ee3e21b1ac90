// HostUp's delete goes to the dbu_ id of the user found by its name: a user made again under that name
// has another id, so no re-send can reach it.
import { NotFoundError } from "@dbusers/core";
import { describe, expect, it } from "vitest";
import { adapterFor, rejectionOf, startTestSimulator, summary } from "./harness.ts";

const { sim } = await startTestSimulator();

describe("HostUp adapter: delete", () => {
  it("a delete whose answer was lost leaves alone the user made again under that name meanwhile", async () => {
    const { id } = sim.hostup.addAccount({ users: [{ username: "shop" }] });
    const first = sim.hostup.getUser(id, "shop")?.id;
    const { users, requests, fetch } = adapterFor(sim, id);
    // Someone makes "shop" again while the answer of the delete, which did delete it, is lost.
    sim.failNext({ vendor: "hostup", drop: "after-handling", operationId: "delete_database_user" });
    const { users: lostAnswer } = adapterFor(sim, id, {
      fetch: async (input, init) => {
        const answer = fetch(input, init);
        await answer.catch(() => sim.hostup.addUser(id, { username: "shop", password: "Again-Passw0rd-1" }));
        return answer;
      },
    });

    await lostAnswer.delete("shop");

    const again = sim.hostup.getUser(id, "shop");
    expect(again?.id).not.toBe(first);
    expect(again?.password).toBe("Again-Passw0rd-1");
    // Re-sent (or checked) only at the first user's id.
    const deletes = summary(requests, id).filter((request) => request.startsWith("DELETE"));
    expect(new Set(deletes)).toEqual(new Set([`DELETE /shared-hosting/{account}/database-users/${first}`]));
    expect(await users.get("shop")).toMatchObject({ id: again?.id });
  });

  it("a user that is not there is a NotFoundError (404) and nothing is deleted", async () => {
    const { id } = sim.hostup.addAccount({ users: [{ username: "shop" }] });
    const { users, requests } = adapterFor(sim, id);
    const error = await rejectionOf(users.delete("nobody"));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ status: 404, outcome: "not-applied", operation: "delete" });
    expect(summary(requests, id)).toEqual(["GET /shared-hosting/{account}/database-users"]);
    expect(sim.hostup.listUsers(id)).toHaveLength(1);
  });
});
