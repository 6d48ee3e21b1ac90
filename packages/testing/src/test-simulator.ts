// One real simulator per test file, silent, with the per-request lines kept: they are the simulator's
// view of what was handled, which the adapter's own fetch cannot vouch for.
import { type Simulator, type SimulatorOptions, startSimulator } from "@dbusers/simulator";
import { afterAll, afterEach, beforeEach, expect } from "vitest";

/** A request the simulator handled (dropped-before-handling ones are absent). */
export interface HandledRequest {
  operationId: string | undefined;
  /** `GET /digitalocean/v2/databases/…/users → 200` */
  line: string;
}

export interface TestSimulator {
  sim: Simulator;
  /** Every request the simulator handled during the current test, oldest first. */
  handled: HandledRequest[];
}

// High enough that no test meets a vendor's rate limit by accident; rate-limit tests set their own.
const UNLIMITED = { limit: 1_000_000, windowMs: 60_000, burstLimit: 1_000_000, burstWindowMs: 60_000 };

/**
 * Starts a simulator for the calling test file and registers its shutdown. After every test it checks
 * that the simulator produced no response outside its spec, and forgets faults a test left queued.
 */
export async function startTestSimulator(options: SimulatorOptions = {}): Promise<TestSimulator> {
  const handled: HandledRequest[] = [];
  const sim = await startSimulator({
    seed: "empty",
    rateLimit: UNLIMITED,
    ...options,
    port: 0,
    logger: {
      info: (line, details) => {
        handled.push({ line, operationId: details?.operationId as string | undefined });
      },
      warn: () => {},
      error: () => {},
    },
  });
  beforeEach(() => {
    handled.length = 0;
  });
  afterEach(() => {
    sim.clearFaults();
    expect(sim.violations).toEqual([]);
  });
  afterAll(() => sim.close());
  return { sim, handled };
}

/** The simulator's handled requests of one operation. */
export function handledOf(handled: HandledRequest[], operationId: string): HandledRequest[] {
  return handled.filter((request) => request.operationId === operationId);
}
