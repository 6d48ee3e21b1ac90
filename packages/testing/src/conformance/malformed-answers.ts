import { InvalidResponseError } from "@dbusers/core";
import { describe, expect, it } from "vitest";
import { type AnswerRewrite, jsonRewrite } from "../recording-fetch.ts";
import { rejectionOf } from "../rejection.ts";
import type { SuiteContext } from "./context.ts";

const JSON_TYPE = { "content-type": "application/json" };

function replaced(body: string, headers: Record<string, string> = JSON_TYPE): AnswerRewrite {
  return (answer) => new Response(body, { status: answer.status, headers });
}

const truncated: AnswerRewrite = async (answer) => {
  const text = await answer.text();
  return new Response(text.slice(0, Math.floor(text.length / 2)), {
    status: answer.status,
    headers: JSON_TYPE,
  });
};

// A 2xx that is not what the spec declares must end as an InvalidResponseError, never as a SyntaxError,
// a TypeError or a half-filled user. The server answered correctly; a proxy between spoiled it.
export function malformedAnswerTests(ctx: SuiteContext): void {
  const { vendor, operations, listCorruptions } = ctx.fixture;
  const spoiled: Array<[string, AnswerRewrite]> = [
    ["an empty body", replaced("")],
    ["truncated JSON", truncated],
    ["a text/plain body", replaced("OK", { "content-type": "text/plain" })],
    ["a JSON string", replaced('"nope"')],
    ["a JSON array", replaced("[1,2,3]")],
    ["a list that is not a list", jsonRewrite(listCorruptions.notAList)],
    ["a user without its name", jsonRewrite(listCorruptions.userWithoutName)],
  ];

  describe("malformed 2xx answers", () => {
    it.each(spoiled)("list answered with %s raises InvalidResponseError", async (_, rewrite) => {
      const { scope, users, rewriteNext } = await ctx.adapter();
      scope.seedUsers([scope.newName()]);
      await users.list(); // credentials warm: the next answer is the list's
      rewriteNext(rewrite);
      const error = await rejectionOf(users.list());
      expect(error).toBeInstanceOf(InvalidResponseError);
      expect((error as InvalidResponseError).status).toBeGreaterThanOrEqual(200);
      expect((error as InvalidResponseError).status).toBeLessThan(300);
    });

    it("a JSON body sent with a wrong content type is still read correctly", async () => {
      const { scope, users } = await ctx.adapter();
      scope.seedUsers([scope.newName()]);
      ctx.sim.failNext({ vendor, contentType: "text/plain", operationId: operations.list });
      expect((await users.list()).map((user) => user.name)).toEqual(scope.storedNames());
    });

    it("an HTML error page from a proxy on a read is retried away", async () => {
      const { scope, users } = await ctx.adapter();
      ctx.sim.failNext({ vendor, html: 502, operationId: operations.list });
      expect((await users.list()).map((user) => user.name)).toEqual(scope.storedNames());
    });

    it("a delete answered 2xx succeeds whatever its body says", async () => {
      const { scope, users, rewriteNext } = await ctx.adapter();
      const name = scope.newName();
      scope.seedUsers([name]);
      await users.list();
      // A 200 (a 204 cannot carry a body) with a body that is not JSON.
      rewriteNextMatching(rewriteNext, "DELETE", () => new Response("<html>gone</html>", { status: 200 }));
      await users.delete(name);
      expect(scope.storedNames()).not.toContain(name);
    });
  });
}

/** Rewrites the first answer to a request with `method`, passing earlier ones (lookups) through. */
function rewriteNextMatching(
  rewriteNext: (rewrite: AnswerRewrite) => void,
  method: string,
  rewrite: AnswerRewrite,
) {
  const step: AnswerRewrite = (answer, request) => {
    if (request.method === method) return rewrite(answer, request);
    rewriteNext(step);
    return answer;
  };
  rewriteNext(step);
}
