import { type DatabaseUsers, DatabaseUsersError } from "@dbusers/core";
import type { Fault } from "@dbusers/simulator";
import { afterAll, describe, expect, it } from "vitest";
import { capturingLogger } from "../capturing-logger.ts";
import { suiteContext } from "../conformance/context.ts";
import type { ConformanceFixture, ConformanceScope } from "../conformance/fixture.ts";
import { expectNoLeak } from "../secrets.ts";
import { handledOf } from "../test-simulator.ts";
import { textTable } from "../text-table.ts";

/** The faults every operation meets, as the simulator injects them. */
export const FAULTS: ReadonlyArray<readonly [string, Fault & { count?: number }]> = [
  ["latency 150 ms", { delayMs: 150 }],
  ["reset before handling", { drop: "before-handling" }],
  ["reset after handling", { drop: "after-handling" }],
  // 502, not 503: Cloud66 answers 503 to throttle, which is retried as such.
  ["5xx burst (3 × 502)", { status: 502, count: 3 }],
  ["truncated JSON", { truncate: true }],
  ["HTML error page (502)", { html: 502 }],
  ["wrong content type", { contentType: "text/plain" }],
  ["hanging response", { hang: true }],
];

/**
 * An async vendor (Cloud66) follows a mutation whose answer was lost until its wait's limit, then looks
 * again: kept short, as the actions of the suite's scopes are. Synchronous vendors ignore `wait`.
 */
const SHORT_WAIT = { wait: { timeoutMs: 1_000 } };

type OperationName = "list" | "get" | "create" | "resetPassword" | "setPassword" | "delete";

/** A user that exists before the case, and a name that does not. */
interface Names {
  existing: string;
  fresh: string;
}

interface Case {
  /** The operationId the fault targets. */
  operationId: string;
  /** Whether repeating the request could duplicate something (a second user). */
  unsafe: boolean;
  run(users: DatabaseUsers, names: Names): Promise<unknown>;
  /** What the server must hold once the call resolved. */
  applied(scope: ConformanceScope, names: Names, result: unknown): void;
  /**
   * For a mutation: what the server must hold when its error says "not-applied" (what it held before;
   * `password` is the existing user's). Absent for reads, whose errors carry no outcome.
   */
  notApplied?(scope: ConformanceScope, names: Names, password: string | undefined): void;
}

const passwordKept = (scope: ConformanceScope, { existing }: Names, password: string | undefined) =>
  expect(scope.storedPassword(existing)).toBe(password);

function cases(fixture: ConformanceFixture, canSetPassword: boolean): Partial<Record<OperationName, Case>> {
  const { operations } = fixture;
  const password = fixture.validPassword ?? "";
  const all: Partial<Record<OperationName, Case>> = {
    list: {
      operationId: operations.list,
      unsafe: false,
      run: (users) => users.list(),
      applied: (scope, _names, result) =>
        expect((result as Array<{ name: string }>).map((u) => u.name)).toEqual(scope.storedNames()),
    },
    get: {
      operationId: operations.get ?? operations.list,
      unsafe: false,
      run: (users, { existing }) => users.get(existing),
      applied: (_scope, { existing }, result) => expect((result as { name: string }).name).toBe(existing),
    },
    create: {
      operationId: operations.create,
      unsafe: true,
      // An async vendor follows a create whose answer was lost until the wait's limit: kept short, as
      // the actions of the suite's scopes are.
      run: (users, { fresh }) => users.create({ name: fresh }, SHORT_WAIT),
      applied: (scope, { fresh }, result) => {
        expect(scope.storedNames().filter((stored) => stored === fresh)).toHaveLength(1);
        const { password: returned } = result as { password: { reveal(): string } };
        expect(returned.reveal()).toBe(scope.storedPassword(fresh));
      },
      notApplied: (scope, { fresh }) => expect(scope.storedNames()).not.toContain(fresh),
    },
    resetPassword: {
      operationId: operations.resetPassword,
      // Rotating again loses nothing: the password of a reset whose answer was lost is unknown anyway.
      unsafe: false,
      run: (users, { existing }) => users.resetPassword(existing, SHORT_WAIT),
      applied: (scope, { existing }, result) =>
        expect((result as { password: { reveal(): string } }).password.reveal()).toBe(
          scope.storedPassword(existing),
        ),
      notApplied: passwordKept,
    },
    delete: {
      operationId: operations.delete,
      unsafe: false,
      run: (users, { existing }) => users.delete(existing, SHORT_WAIT),
      applied: (scope, { existing }) => expect(scope.storedNames()).not.toContain(existing),
      notApplied: (scope, { existing }) => expect(scope.storedNames()).toContain(existing),
    },
  };
  if (canSetPassword && operations.setPassword) {
    all.setPassword = {
      operationId: operations.setPassword,
      unsafe: false,
      run: (users, { existing }) => users.setPassword(existing, password),
      applied: (scope, { existing }) => expect(scope.storedPassword(existing)).toBe(password),
      notApplied: passwordKept,
    };
  }
  return all;
}

/**
 * Every operation of every fixture's adapter under every fault: each case ends in the correct result
 * or a typed error, within the timeout (a hang would fail the test by its own time limit), no unsafe
 * request is repeated, what the server holds matches what the caller was told, and no secret reaches a
 * log line or an error. A failed mutation says its outcome: "not-applied" only if the server holds what
 * it held before, "unknown" never with a duplicate. Prints a vendor × fault × operation table of the
 * results (`UnavailableError/unknown`).
 */
export async function describeFaultMatrix(fixtures: readonly ConformanceFixture[]): Promise<void> {
  const outcomes = new Map<string, Map<string, string>>();
  const record = (row: string, column: string, outcome: string) => {
    const cells = outcomes.get(row) ?? new Map<string, string>();
    cells.set(column, outcome);
    outcomes.set(row, cells);
  };
  for (const fixture of fixtures) {
    const ctx = await suiteContext(fixture);
    const probe = await ctx.adapter();
    // The simulator compiles an operation's validators on its first call: pay for the token flow and
    // the list before any case's time budget runs.
    await probe.users.list();
    const operationCases = cases(fixture, probe.users.capabilities.setPassword);
    describe(`fault matrix: ${fixture.name}`, () => {
      for (const [faultName, fault] of FAULTS) {
        for (const [operation, testCase] of Object.entries(operationCases)) {
          it(`${operation} under ${faultName}`, async () => {
            const { logger, lines } = capturingLogger();
            // Room for a loaded CI machine to answer in time; a hang still ends within a few seconds.
            const { scope, users } = await ctx.adapter({
              timeoutMs: 600,
              retry: { maxRetries: 3, baseDelayMs: 1, maxDelayMs: 5 },
              logger,
            });
            const names = { existing: scope.newName(), fresh: scope.newName() };
            scope.seedUsers([names.existing]);
            const passwordBefore = scope.storedPassword(names.existing);
            await users.list(); // credentials and caches warm: the fault meets the operation itself
            ctx.handled.length = 0;
            ctx.sim.failNext({ ...fault, vendor: fixture.vendor, operationId: testCase.operationId });
            const outcome = await testCase.run(users, names).then(
              (result) => ({ result }),
              (error: unknown) => ({ error }),
            );
            ctx.sim.clearFaults();
            if ("error" in outcome) {
              const error = outcome.error as DatabaseUsersError;
              // Recorded before the checks, so that the table shows what a failing case answered.
              const said = testCase.notApplied ? `/${error.outcome ?? "no outcome"}` : "";
              record(`${fixture.name} × ${faultName}`, operation, `${error.name}${said}`);
              expect(error, String(error)).toBeInstanceOf(DatabaseUsersError);
              if (testCase.notApplied) {
                expect(["not-applied", "unknown"], String(error)).toContain(error.outcome);
                if (error.outcome === "not-applied") testCase.notApplied(scope, names, passwordBefore);
              }
            } else {
              testCase.applied(scope, names, outcome.result);
              record(`${fixture.name} × ${faultName}`, operation, "ok");
            }
            if (testCase.unsafe) {
              // A request that may have been applied is never repeated blindly (a 503 proves nothing).
              expect(handledOf(ctx.handled, testCase.operationId).length).toBeLessThanOrEqual(1);
            }
            expect(scope.storedNames().filter((stored) => stored === names.fresh).length).toBeLessThanOrEqual(
              1,
            );
            // Canaries: the token and every password the server holds appear in no log line, at any
            // level, and in no error (message, stack, cause, inspect, JSON).
            const secrets = [
              fixture.token,
              scope.storedPassword(names.existing),
              scope.storedPassword(names.fresh),
            ];
            expectNoLeak([lines, "error" in outcome ? outcome.error : undefined], secrets.filter(isString));
          });
        }
      }
    });
  }
  afterAll(() => printTable(outcomes));
}

function isString(value: string | undefined): value is string {
  return value !== undefined;
}

function printTable(outcomes: Map<string, Map<string, string>>): void {
  const columns = [...new Set([...outcomes.values()].flatMap((cells) => [...cells.keys()]))];
  const header = ["vendor × fault", ...columns];
  const rows = [...outcomes].map(([row, cells]) => [row, ...columns.map((c) => cells.get(c) ?? "–")]);
  process.stdout.write(`\nFault matrix: vendor × fault × operation\n${textTable(header, rows)}\n\n`);
}
