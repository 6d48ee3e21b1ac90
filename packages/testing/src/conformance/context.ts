import type { DatabaseUsers } from "@dbusers/core";
import { type RecordingFetch, recordingFetch } from "../recording-fetch.ts";
import { startTestSimulator, type TestSimulator } from "../test-simulator.ts";
import type { AdapterOverrides, ConformanceFixture, ConformanceScope } from "./fixture.ts";

/** An adapter for a fresh scope, with the fetch that records what it sends. */
export interface ScopedAdapter extends RecordingFetch {
  scope: ConformanceScope;
  users: DatabaseUsers;
}

export interface SuiteContext extends TestSimulator {
  fixture: ConformanceFixture;
  /** A fresh scope and its adapter; retries are fast (1–5 ms backoff) unless `overrides` say otherwise. */
  adapter(overrides?: Partial<Omit<AdapterOverrides, "fetch">>): Promise<ScopedAdapter>;
}

export async function suiteContext(fixture: ConformanceFixture): Promise<SuiteContext> {
  const test = await startTestSimulator(fixture.simulator);
  return {
    ...test,
    fixture,
    async adapter(overrides = {}) {
      const scope = await fixture.scope(test.sim);
      const recorder = recordingFetch();
      const users = scope.users({
        retry: { baseDelayMs: 1, maxDelayMs: 5 },
        // The test simulator has no rate limit: the vendor's documented windows would only slow the suite.
        throttle: { windows: [] },
        ...overrides,
        fetch: recorder.fetch,
      });
      return { ...recorder, scope, users };
    },
  };
}
