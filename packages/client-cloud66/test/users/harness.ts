// The Cloud66 adapter tests' set-up, on the shared test kit: the real adapter (src/) against a real
// @dbusers/simulator on a free port, one simulator per test file. Each test makes its own stack, so
// tests never see each other's users or actions.
import { DEFAULT_TOKEN, type Simulator } from "@dbusers/simulator";
import { recordingFetch, type SentRequest } from "@dbusers/testing";
import { type Cloud66Users, type Cloud66UsersOptions, createCloud66Users } from "../../src/index.ts";

export { handledOf, recordingFetch, rejectionOf, startTestSimulator } from "@dbusers/testing";
export { DEFAULT_TOKEN };

/** The database every test server group has. */
export const DATABASE = { uid: "db_abc123", name: "app_production" };

export interface TestStack {
  stackId: string;
  groupId: number;
}

/**
 * A fresh stack with one MySQL server group (one database, the given users) whose actions finish on
 * their third poll (two polls see them running) and never by age, so tests see every step.
 */
export function addStack(sim: Simulator, usernames: string[] = []): TestStack {
  const stack = sim.cloud66.addStack({
    serverGroups: [{ databases: [DATABASE], users: usernames.map((username) => ({ username })) }],
    actions: { polls: 2, afterMs: 3_600_000 },
  });
  return { stackId: stack.uid, groupId: stack.serverGroups[0]?.id ?? 0 };
}

export interface TestAdapter {
  users: Cloud66Users;
  requests: SentRequest[];
  rewriteNext: ReturnType<typeof recordingFetch>["rewriteNext"];
}

/**
 * The real adapter for a stack of `sim`, with a recording fetch, fast retries (1 ms backoff) and fast
 * polls (1–5 ms). `options` override anything, the token and the wait included.
 */
export function adapterFor(
  sim: Simulator,
  { stackId, groupId }: TestStack,
  options: Partial<Cloud66UsersOptions> = {},
): TestAdapter {
  const { fetch, requests, rewriteNext } = recordingFetch();
  const users = createCloud66Users({
    token: DEFAULT_TOKEN,
    stackId,
    serverGroupId: groupId,
    baseUrl: sim.urls.cloud66,
    fetch,
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
    // The simulator here has no rate limit: the vendor's documented windows would only slow the tests.
    throttle: { windows: [] },
    wait: { minDelayMs: 1, maxDelayMs: 5 },
    ...options,
  });
  return { users, requests, rewriteNext };
}

/** `"GET /stacks/{stack}/actions/789"`-style summaries (query included), below the vendor prefix. */
export function summary(requests: SentRequest[], { stackId, groupId }: TestStack): string[] {
  return requests.map((request) => {
    const url = new URL(request.url);
    const path = `${url.pathname}${url.search}`
      .replace(/^\/cloud66/, "")
      .replace(stackId, "{stack}")
      .replace(`/server_groups/${groupId}/`, "/server_groups/{group}/");
    return `${request.method} ${path}`;
  });
}
