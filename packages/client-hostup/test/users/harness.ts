// The HostUp adapter tests' set-up, on the shared test kit: the real adapter (src/) against a real
// @dbusers/simulator on a free port, one simulator per test file. Each test makes its own account, so
// tests never see each other's users.
import { DEFAULT_TOKEN, type Simulator } from "@dbusers/simulator";
import { type RecordingFetch, recordingFetch, type SentRequest } from "@dbusers/testing";
import { createHostUpUsers, type HostUpUsers, type HostUpUsersOptions } from "../../src/index.ts";

export { handledOf, rejectionOf, startTestSimulator } from "@dbusers/testing";
export { DEFAULT_TOKEN };

/** The adapter, and the fetch it sends through: what it sent, and the next answers to spoil. */
export interface TestAdapter extends RecordingFetch {
  users: HostUpUsers;
}

/**
 * The real adapter for one account of `sim`, with a recording fetch and fast retries (1 ms backoff).
 * `options` override anything, the token and the retry policy included.
 */
export function adapterFor(
  sim: Simulator,
  accountId: string,
  options: Partial<HostUpUsersOptions> = {},
): TestAdapter {
  const recorder = recordingFetch();
  const users = createHostUpUsers({
    token: DEFAULT_TOKEN,
    accountId,
    baseUrl: sim.urls.hostup,
    fetch: recorder.fetch,
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
    // The simulator here has no rate limit: the vendor's documented windows would only slow the tests.
    throttle: { windows: [] },
    ...options,
  });
  return { users, ...recorder };
}

/** `"PUT /shared-hosting/{account}/database-users/app/password"`-style summaries, below the vendor prefix. */
export function summary(requests: SentRequest[], accountId: string): string[] {
  return requests.map(
    (request) => `${request.method} ${request.path.replace(/^\/hostup/, "").replace(accountId, "{account}")}`,
  );
}
