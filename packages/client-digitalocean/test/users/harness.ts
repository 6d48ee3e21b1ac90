// The DigitalOcean adapter tests' set-up, on the shared test kit: the real adapter (src/) against a real
// @dbusers/simulator on a free port, one simulator per test file. Each test makes its own cluster, so
// tests never see each other's users.
import { DEFAULT_TOKEN, type Simulator } from "@dbusers/simulator";
import { recordingFetch, type SentRequest } from "@dbusers/testing";
import {
  createDigitalOceanUsers,
  type DigitalOceanUsers,
  type DigitalOceanUsersOptions,
} from "../../src/index.ts";

export { handledOf, recordingFetch, rejectionOf, startTestSimulator } from "@dbusers/testing";
export { DEFAULT_TOKEN };

export interface TestAdapter {
  users: DigitalOceanUsers;
  requests: SentRequest[];
}

/**
 * The real adapter for one cluster of `sim`, with a recording fetch and fast retries (1 ms backoff).
 * `options` override anything, the token and the retry policy included.
 */
export function adapterFor(
  sim: Simulator,
  clusterId: string,
  options: Partial<DigitalOceanUsersOptions> = {},
): TestAdapter {
  const { fetch, requests } = recordingFetch();
  const users = createDigitalOceanUsers({
    token: DEFAULT_TOKEN,
    clusterId,
    baseUrl: sim.urls.digitalocean,
    fetch,
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
    // The simulator here has no rate limit: the vendor's documented windows would only slow the tests.
    throttle: { windows: [] },
    ...options,
  });
  return { users, requests };
}

/** `"POST /v2/databases/{id}/users"`-style summaries, below the simulator's vendor prefix. */
export function summary(requests: SentRequest[], clusterId: string): string[] {
  return requests.map(
    (request) =>
      `${request.method} ${request.path.replace(/^\/digitalocean/, "").replace(clusterId, "{id}")}`,
  );
}
