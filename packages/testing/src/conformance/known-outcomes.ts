import { createServer } from "node:net";
import { type DatabaseUsers, DatabaseUsersError } from "@dbusers/core";
import type { Fault } from "@dbusers/simulator";
import { describe, expect, it } from "vitest";
import { rejectionOf } from "../rejection.ts";
import { SHORT_ATTEMPTS, SHORT_WAIT } from "./ambiguous-faults.ts";
import { isCreateRequest } from "./conflicts.ts";
import type { SuiteContext } from "./context.ts";
import type { ConformanceScope } from "./fixture.ts";

/** A user that exists before the case, and a name that does not. */
interface Names {
  existing: string;
  fresh: string;
}

interface Mutation {
  operation: "create" | "resetPassword" | "setPassword" | "delete";
  operationId: string;
  run(users: DatabaseUsers, names: Names, options: Record<string, unknown>): Promise<unknown>;
  /** Checks that the server holds what it held before the call (`password`: the existing user's). */
  unchanged(scope: ConformanceScope, names: Names, password: string | undefined): void;
}

// Room for every retry and recovery of a call on a busy machine, and no more: faults that never end
// would otherwise keep a re-sending call going.
const DEADLINE = { deadlineMs: 5_000 };
// A call that sends more than this has not stopped at the failure (Cloud66's wait kept looking).
const REQUEST_BOUND = 20;

function mutations(ctx: SuiteContext, canSetPassword: boolean): Mutation[] {
  const { operations, validPassword } = ctx.fixture;
  const passwordKept = (scope: ConformanceScope, { existing }: Names, password: string | undefined) =>
    expect(scope.storedPassword(existing)).toBe(password);
  const all: Mutation[] = [
    {
      operation: "create",
      operationId: operations.create,
      run: (users, { fresh }, options) => users.create({ name: fresh }, options),
      unchanged: (scope, { fresh }) => expect(scope.storedNames()).not.toContain(fresh),
    },
    {
      operation: "resetPassword",
      operationId: operations.resetPassword,
      run: (users, { existing }, options) => users.resetPassword(existing, options),
      unchanged: passwordKept,
    },
    {
      operation: "delete",
      operationId: operations.delete,
      run: (users, { existing }, options) => users.delete(existing, options),
      unchanged: (scope, { existing }) => expect(scope.storedNames()).toContain(existing),
    },
  ];
  if (canSetPassword && operations.setPassword && validPassword) {
    all.push({
      operation: "setPassword",
      operationId: operations.setPassword,
      run: (users, { existing }, options) => users.setPassword(existing, validPassword, options),
      unchanged: passwordKept,
    });
  }
  return all;
}

/** A port on 127.0.0.1 where nothing listens: a connection there is refused. */
async function refusingPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === "string") throw new Error("no port");
  return address.port;
}

function expectAnnotated(error: unknown, operation: string, outcome: string): void {
  expect(error, String(error)).toBeInstanceOf(DatabaseUsersError);
  const { step } = error as DatabaseUsersError;
  expect(error).toMatchObject({ outcome, operation });
  expect(typeof step === "string" && step.trim() !== "", `step: ${String(step)}`).toBe(true);
  if (outcome === "unknown") expect((error as Error).message).toMatch(/\bmay\b/i);
}

// Every failed mutation says what became of it: "not-applied" when nothing reached the vendor or the
// vendor refused (the server holds what it held), "unknown" when the request went out and its answer
// is missing. It names the operation the caller called and the step that failed.
export function knownOutcomeTests(ctx: SuiteContext, canSetPassword: boolean): void {
  const { vendor } = ctx.fixture;
  const cases = mutations(ctx, canSetPassword).map((mutation) => [mutation.operation, mutation] as const);

  /** A fresh adapter, a user, warm credentials, and the existing user's password. */
  async function prepared() {
    const adapted = await ctx.adapter(SHORT_ATTEMPTS);
    const names = { existing: adapted.scope.newName(), fresh: adapted.scope.newName() };
    adapted.scope.seedUsers([names.existing]);
    await adapted.users.list();
    return { ...adapted, names, password: adapted.scope.storedPassword(names.existing) };
  }

  describe("known outcomes", () => {
    it.each(cases)(
      "%s with the API down (connection refused) is not applied, and stops at once",
      async (_, mutation) => {
        const { scope, users, names, password, requests, intercept } = await prepared();
        const port = await refusingPort();
        const controller = new AbortController();
        const tooMany = new Error(`more than ${REQUEST_BOUND} requests to an API that is down`);
        const sentBefore = requests.length;
        intercept(async (request, send) => {
          if (requests.length - sentBefore > REQUEST_BOUND) controller.abort(tooMany);
          const elsewhere = new URL(request.url);
          elsewhere.port = String(port);
          return send(new Request(elsewhere, { method: request.method, headers: request.headers }));
        });
        // Cloud66's default wait (10 minutes): a refused connection proves nothing was sent.
        const error = await rejectionOf(mutation.run(users, names, { signal: controller.signal }));
        expect(error).not.toBe(tooMany);
        expectAnnotated(error, mutation.operation, "not-applied");
        mutation.unchanged(scope, names, password);
      },
    );

    it.each(cases)("%s refused by the vendor (403) is not applied", async (_, mutation) => {
      const { scope, users, names, password } = await prepared();
      ctx.sim.failNext({ vendor, status: 403, operationId: mutation.operationId });
      const error = await rejectionOf(mutation.run(users, names, { ...SHORT_WAIT, ...DEADLINE }));
      expectAnnotated(error, mutation.operation, "not-applied");
      mutation.unchanged(scope, names, password);
    });

    const unanswered: Array<[string, Fault]> = [
      ["a 502 to every attempt", { status: 502 }],
      ["no answer to any attempt in time", { hang: true }],
    ];
    for (const [faultName, fault] of unanswered) {
      it.each(cases)(`%s with ${faultName} has an unknown outcome`, async (_, mutation) => {
        const { users, names } = await prepared();
        ctx.sim.failNext({ ...fault, vendor, count: 100_000, operationId: mutation.operationId });
        const error = await rejectionOf(mutation.run(users, names, { ...SHORT_WAIT, ...DEADLINE }));
        ctx.sim.clearFaults();
        expectAnnotated(error, mutation.operation, "unknown");
      });
    }

    it("a create refused before sending (an invalid name) is not applied", async () => {
      const { users, requests } = await ctx.adapter();
      const error = await rejectionOf(users.create({ name: ctx.fixture.invalidNames[0] ?? "" }));
      expectAnnotated(error, "create", "not-applied");
      expect(requests).toHaveLength(0);
    });

    it("a create whose answer was lost and whose first recovery lookup is cut short still ends with its user", async () => {
      const { scope, users, intercept } = await prepared();
      let createLost = false;
      let lookupSpoiled = false;
      intercept(async (request, send) => {
        if (isCreateRequest(request)) {
          try {
            return await send();
          } catch (error) {
            createLost = true;
            throw error;
          }
        }
        const answer = await send();
        if (!createLost || lookupSpoiled || request.method !== "GET" || !answer.ok) return answer;
        lookupSpoiled = true;
        const text = await answer.text();
        return new Response(text.slice(0, Math.floor(text.length / 2)), {
          status: answer.status,
          headers: { "content-type": "application/json" },
        });
      });
      const name = scope.newName();
      ctx.sim.failNext({ vendor, drop: "after-handling", operationId: ctx.fixture.operations.create });
      const { password } = await users.create({ name }, { ...SHORT_WAIT, ...DEADLINE });
      expect(lookupSpoiled).toBe(true);
      expect(password.reveal()).toBe(scope.storedPassword(name));
      expect(scope.storedNames().filter((stored) => stored === name)).toHaveLength(1);
    });

    it("a create whose steps after the create request fail either works or has an unknown outcome, not blamed on the send", async () => {
      // The step a failed create request is reported under, to tell it from a later step's.
      const first = await prepared();
      ctx.sim.failNext({ vendor, status: 500, operationId: ctx.fixture.operations.create });
      const sendError = await rejectionOf(first.users.create({ name: first.names.fresh }, SHORT_WAIT));
      const sendStep = (sendError as DatabaseUsersError).step;

      const { scope, users, intercept } = await prepared();
      let sent = false;
      intercept(async (request, send) => {
        if (sent)
          return new Response("<html>502 Bad Gateway</html>", {
            status: 502,
            headers: { "content-type": "text/html" },
          });
        if (isCreateRequest(request)) sent = true;
        return send();
      });
      const name = scope.newName();
      const outcome = await users.create({ name }, { ...SHORT_WAIT, ...DEADLINE }).then(
        (result) => ({ result }),
        (error: unknown) => ({ error }),
      );
      expect(sent).toBe(true);
      if ("result" in outcome) {
        expect(outcome.result.password.reveal()).toBe(scope.storedPassword(name));
      } else {
        expectAnnotated(outcome.error, "create", "unknown");
        expect((outcome.error as DatabaseUsersError).step).not.toBe(sendStep);
      }
    });
  });
}
