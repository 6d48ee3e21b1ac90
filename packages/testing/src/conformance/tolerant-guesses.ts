import { UnsupportedOperationError, ValidationError } from "@dbusers/core";
import { describe, expect, it } from "vitest";
import { rejectionOf } from "../rejection.ts";
import { handledOf } from "../test-simulator.ts";
import type { SuiteContext } from "./context.ts";

// What the spec only guesses never turns a vendor's success into an error, nor refuses what the vendor
// may accept; what the vendor documents as final is not retried.
export function tolerantGuessTests(ctx: SuiteContext, canSetPassword: boolean): void {
  const { guessedAnswers = [], guessedRulePasswords = [], permanentAnswer, operations } = ctx.fixture;
  const guessedPasswords = canSetPassword ? guessedRulePasswords : [];
  // A vendor whose spec guesses nothing of this kind has no case here (an empty suite fails).
  if (guessedAnswers.length + guessedPasswords.length === 0 && permanentAnswer === undefined) return;

  describe("guesses", () => {
    for (const guess of guessedAnswers) {
      it(`${guess.name} (a guessed shape, a 2xx) is success`, async () => {
        const { scope, users, intercept } = await ctx.adapter();
        const name = scope.newName();
        scope.seedUsers([name]);
        let replaced = false;
        intercept(async (request, send) => {
          const answer = await send();
          if (request.method !== guess.method || !guess.path.test(request.path) || !answer.ok) return answer;
          replaced = true;
          return new Response(guess.body, {
            status: answer.status,
            headers: { "content-type": "application/json" },
          });
        });
        await guess.call(users, name);
        expect(replaced).toBe(true);
      });
    }

    if (canSetPassword && operations.setPassword && guessedRulePasswords.length > 0) {
      it("a password only a guessed rule refuses is left to the vendor", async () => {
        const { scope, users } = await ctx.adapter();
        const name = scope.newName();
        scope.seedUsers([name]);
        for (const password of guessedRulePasswords) {
          await users.setPassword(name, password).catch((error: unknown) => {
            expect(error, String(error)).toBeInstanceOf(ValidationError);
          });
        }
        expect(handledOf(ctx.handled, operations.setPassword ?? "")).toHaveLength(
          guessedRulePasswords.length,
        );
      });
    }

    if (permanentAnswer) {
      it("an answer the vendor documents as permanent is an UnsupportedOperationError, not retried", async () => {
        const { scope, users, intercept } = await ctx.adapter();
        const name = scope.newName();
        scope.seedUsers([name]);
        let mutations = 0;
        intercept(async (request, send) => {
          if (request.method === "GET") return send();
          mutations += 1;
          return Response.json(permanentAnswer.body, { status: permanentAnswer.status });
        });
        const error = await rejectionOf(users.resetPassword(name));
        expect(error, String(error)).toBeInstanceOf(UnsupportedOperationError);
        expect(mutations).toBe(1);
      });
    }
  });
}
