import { describe } from "vitest";
import { abortAndTimeoutTests } from "./abort-and-timeout.ts";
import { ambiguousCreateTests } from "./ambiguous-create.ts";
import { capabilityTests } from "./capabilities.ts";
import { conflictTests } from "./conflicts.ts";
import { suiteContext } from "./context.ts";
import { deleteTests } from "./deletes.ts";
import type { ConformanceFixture } from "./fixture.ts";
import { knownOutcomeTests } from "./known-outcomes.ts";
import { lifecycleTests } from "./lifecycle.ts";
import { malformedAnswerTests } from "./malformed-answers.ts";
import { notFoundStatusTests } from "./not-found-status.ts";
import { operationOptionsTests } from "./operation-options.ts";
import { ownershipTests } from "./ownership.ts";
import { paginationTests } from "./pagination.ts";
import { resetTests } from "./resets.ts";
import { retryTests } from "./retries.ts";
import { secretTests } from "./secrets.ts";
import { tolerantGuessTests } from "./tolerant-guesses.ts";
import { validationTests } from "./validation.ts";

/**
 * The behaviour every `DatabaseUsers` adapter owes its callers, run against the real adapter and the
 * simulator. Call it at the top level of a test file (`await describeDatabaseUsers(fixture)`): it starts
 * the file's simulator and reads the adapter's capabilities first, so that a vendor lacking an operation
 * gets the test that it is refused before sending, instead of the test that it works.
 */
export async function describeDatabaseUsers(fixture: ConformanceFixture): Promise<void> {
  const ctx = await suiteContext(fixture);
  const probe = await ctx.adapter();
  const { capabilities } = probe.users;
  const hasProtectedUser = probe.scope.protectedName !== undefined;
  describe(`${fixture.name} conforms to DatabaseUsers`, () => {
    lifecycleTests(ctx);
    validationTests(ctx, capabilities.setPassword);
    operationOptionsTests(ctx, capabilities);
    capabilityTests(ctx, capabilities);
    secretTests(ctx);
    abortAndTimeoutTests(ctx, capabilities.setPassword);
    ambiguousCreateTests(ctx);
    retryTests(ctx);
    malformedAnswerTests(ctx);
    paginationTests(ctx);
    knownOutcomeTests(ctx, capabilities.setPassword);
    conflictTests(ctx);
    ownershipTests(ctx, { canReadOnly: capabilities.readOnly, hasProtectedUser });
    deleteTests(ctx);
    resetTests(ctx);
    notFoundStatusTests(ctx);
    tolerantGuessTests(ctx, capabilities.setPassword);
  });
}
