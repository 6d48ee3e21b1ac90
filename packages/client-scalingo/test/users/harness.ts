// The Scalingo adapter tests' set-up, on the shared test kit: the real adapter (src/) against a real
// @dbusers/simulator on a free port, one simulator per test file. Each test makes its own database, so
// tests never see each other's users.
import { DEFAULT_TOKEN, type ScalingoDatabase, type Simulator } from "@dbusers/simulator";
import { recordingFetch, type SentRequest } from "@dbusers/testing";
import { createScalingoUsers, type ScalingoApiTokenOptions, type ScalingoUsers } from "../../src/index.ts";

export { handledOf, recordingFetch, rejectionOf, startTestSimulator } from "@dbusers/testing";
export { DEFAULT_TOKEN };

export interface TestAdapter extends ReturnType<typeof recordingFetch> {
  users: ScalingoUsers;
}

/**
 * The real adapter for one database of `sim`, running the token flow with the default API token, with
 * a recording fetch and fast retries (1 ms backoff). `options` override anything.
 */
export function adapterFor(
  sim: Simulator,
  database: Pick<ScalingoDatabase, "id" | "appId">,
  options: Partial<ScalingoApiTokenOptions> = {},
  beforeSend?: BeforeSend,
): TestAdapter {
  const recorder = recordingFetch();
  const users = createScalingoUsers({
    apiToken: DEFAULT_TOKEN,
    appId: database.appId,
    addonId: database.id,
    baseUrl: sim.urls.scalingo,
    fetch: beforeSend ? hooked(recorder.fetch, beforeSend) : recorder.fetch,
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
    // The simulator here has no rate limit: the vendor's documented windows would only slow the tests.
    throttle: { windows: [] },
    ...options,
  });
  return { ...recorder, users };
}

/**
 * Called as each request leaves the adapter, before the simulator sees it: a test's way to play another
 * client acting between two requests of one call (`method`, and the path below the vendor prefix).
 */
export type BeforeSend = (method: string, path: string) => void;

function hooked(send: typeof fetch, beforeSend: BeforeSend): typeof fetch {
  return (input, init) => {
    // Read without building a Request from `input`, which would use up its body.
    const method = input instanceof Request ? input.method : (init?.method ?? "GET");
    const url = new URL(input instanceof Request ? input.url : String(input));
    beforeSend(method, url.pathname.replace(/^\/scalingo/, ""));
    return send(input, init);
  };
}

/** `"GET /api/databases/{id}/users"`-style summaries, below the simulator's vendor prefix. */
export function summary(requests: SentRequest[], database: Pick<ScalingoDatabase, "id" | "appId">): string[] {
  return requests.map(
    (request) =>
      `${request.method} ${request.path
        .replace(/^\/scalingo/, "")
        .replace(database.id, "{id}")
        .replace(`/apps/${database.appId}/`, "/apps/{app}/")}`,
  );
}

/** The token flow's two requests, as `summary` writes them. */
export const TOKEN_FLOW: readonly string[] = [
  "POST /v1/tokens/exchange",
  "POST /v1/apps/{app}/addons/{id}/token",
];

/** The credentials the adapter sent, by kind: the exchanged bearers and the addon tokens. */
export function bearersSent(requests: SentRequest[]): string[] {
  return requests
    .map((request) => /^Bearer (\S+)$/.exec(request.headers.get("authorization") ?? "")?.[1])
    .filter((token): token is string => token !== undefined);
}
