// Cloud66 lists 30 users a page and says on every page how many pages there are: the adapter reads
// page 1, then the rest with a bounded number of requests in flight, and keeps the server's order.
import { InvalidResponseError, UnavailableError } from "@dbusers/core";
import type { Simulator } from "@dbusers/simulator";
import { describe, expect, it } from "vitest";
import type { Cloud66UsersOptions } from "../../src/index.ts";
import {
  adapterFor,
  addStack,
  recordingFetch,
  rejectionOf,
  startTestSimulator,
  type TestStack,
} from "./harness.ts";

const { sim } = await startTestSimulator();

function stackWith(count: number): TestStack {
  const stack = addStack(sim);
  for (let i = 1; i <= count; i++) {
    sim.cloud66.addUser(stack.stackId, stack.groupId, { username: `user_${String(i).padStart(5, "0")}` });
  }
  return stack;
}

/** The adapter, with a fetch that also counts the requests in flight at once. */
function countingAdapter(target: Simulator, stack: TestStack, options: Partial<Cloud66UsersOptions> = {}) {
  const counts = { inFlight: 0, most: 0 };
  const recorder = recordingFetch();
  const { users } = adapterFor(target, stack, {
    ...options,
    fetch: async (input, init) => {
      counts.inFlight += 1;
      counts.most = Math.max(counts.most, counts.inFlight);
      try {
        return await recorder.fetch(input, init);
      } finally {
        counts.inFlight -= 1;
      }
    },
  });
  return { users, requests: recorder.requests, counts };
}

const pagesAsked = (requests: { url: string }[]) =>
  requests.map((request) => Number(new URL(request.url).searchParams.get("page")));

describe("Cloud66 adapter: pagination", () => {
  it("lists 10,000 users over 334 pages: every user once, in order, each page asked for once, 4 at a time", async () => {
    const stack = stackWith(10_000);
    const { users, requests, counts } = countingAdapter(sim, stack);
    const listed = (await users.list()).map((user) => user.name);
    const stored = sim.cloud66.listUsers(stack.stackId, stack.groupId).map((user) => user.username);
    expect(listed).toHaveLength(10_000);
    expect(listed).toEqual(stored);
    expect(new Set(listed).size).toBe(10_000);
    expect(pagesAsked(requests).sort((a, b) => a - b)).toEqual(Array.from({ length: 334 }, (_, i) => i + 1));
    expect(counts.most).toBeLessThanOrEqual(4);
  });

  it("list() walks again when the list changed size during the walk: no user that was there throughout is skipped", async () => {
    const stack = stackWith(70);
    const before = sim.cloud66.listUsers(stack.stackId, stack.groupId).map((user) => user.username);
    let deleted = false;
    // Another party deletes the first user once page 1 was read: every later user moves up one place, and
    // the first user of page 2 lands on page 1, already read.
    const { users } = adapterFor(sim, stack, {
      fetch: async (input, init) => {
        const answer = await fetch(input, init);
        const page = new URL(input instanceof Request ? input.url : String(input)).searchParams.get("page");
        if (!deleted && page === "1") {
          deleted = true;
          sim.cloud66.removeUser(stack.stackId, stack.groupId, before[0] ?? "");
        }
        return answer;
      },
    });
    const listed = (await users.list()).map((user) => user.name);
    expect(deleted).toBe(true);
    expect(listed).toEqual(before.slice(1));
  });

  it("a lookup whose every walk sees the list change is an UnavailableError, not a NotFoundError, and changes nothing", async () => {
    const stack = stackWith(70);
    let created = 0;
    // Another party adds a user whenever page 1 has been read: no walk sees the list hold still.
    const { users } = adapterFor(sim, stack, {
      pageConcurrency: 1,
      fetch: async (input, init) => {
        const answer = await fetch(input, init);
        const page = new URL(input instanceof Request ? input.url : String(input)).searchParams.get("page");
        if (page === "1")
          sim.cloud66.addUser(stack.stackId, stack.groupId, { username: `churn_${++created}` });
        return answer;
      },
    });
    const lookup = await rejectionOf(users.get("nobody"));
    expect(lookup).toBeInstanceOf(UnavailableError);
    const reset = await rejectionOf(users.resetPassword("nobody", { wait: { timeoutMs: 1_000 } }));
    expect(reset).toBeInstanceOf(UnavailableError);
    expect(reset).toMatchObject({ outcome: "not-applied", operation: "resetPassword" });
    // Five walks for each: the lookup gave up on a list that never held still, not on a user it missed.
    expect(created).toBe(10);
  });

  it("pageConcurrency: 1 reads the pages one after another", async () => {
    const stack = stackWith(95);
    const { users, requests, counts } = countingAdapter(sim, stack, { pageConcurrency: 1 });
    expect(await users.list()).toHaveLength(95);
    expect(pagesAsked(requests)).toEqual([1, 2, 3, 4]);
    expect(counts.most).toBe(1);
  });

  it("get stops at the page its user is on (past page 1, the next page is already on its way)", async () => {
    const stack = stackWith(300);
    const { users, requests } = adapterFor(sim, stack, { pageConcurrency: 1 });
    expect((await users.get("user_00030")).name).toBe("user_00030");
    expect(pagesAsked(requests)).toEqual([1]);
    requests.length = 0;
    expect((await users.get("user_00061")).name).toBe("user_00061");
    expect(pagesAsked(requests)).toEqual([1, 2, 3, 4]);
  });

  it("reads the Pagination model's `prev` as well as the examples' `previous`", async () => {
    const stack = sim.cloud66.addStack({ serverGroups: [{}], previousPageKey: "prev" });
    const groupId = stack.serverGroups[0]?.id ?? 0;
    for (let i = 0; i < 31; i++) sim.cloud66.addUser(stack.uid, groupId, { username: `u${i}` });
    const { users } = adapterFor(sim, { stackId: stack.uid, groupId });
    const { data } = await users.client.GET(
      "/stacks/{stack_id}/server_groups/{server_group_id}/database_users",
      {
        params: { path: { stack_id: stack.uid, server_group_id: String(groupId) }, query: { page: 2 } },
      },
    );
    expect(data?.pagination).toMatchObject({ prev: 1, next: null, current: 2, pages: 2 });
    expect(data?.pagination).not.toHaveProperty("previous");
    expect(await users.list()).toHaveLength(31);
  });

  it("a page other than the one asked for (a server ignoring `page`) is an InvalidResponseError", async () => {
    const stack = stackWith(45);
    const { users, rewriteNext } = adapterFor(sim, stack, { pageConcurrency: 1 });
    let firstPage = "";
    rewriteNext(async (answer) => {
      firstPage = await answer.text();
      return new Response(firstPage, { status: answer.status, headers: answer.headers });
    });
    rewriteNext(
      () => new Response(firstPage, { status: 200, headers: { "content-type": "application/json" } }),
    );
    const error = await rejectionOf(users.list());
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as Error).message).toMatch(/pagination\.current is 1, not page 2/);
  });
});
