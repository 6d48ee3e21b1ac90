// A 404 to a re-sent delete is success only when an earlier attempt may have deleted the user: its answer
// was lost or was a 5xx. After answers that prove nothing was done (429, the vendor's throttling answer,
// a 401 renewed), the user never existed, and the caller hears so.
import { describe, expect, it } from "vitest";
import { unwrapDeletion } from "../../src/adapter.ts";
import { NotFoundError, type TokenProvider } from "../../src/index.ts";
import { testClient, testVendor } from "../helpers/client.ts";
import type { Step } from "../helpers/fake-fetch.ts";
import { connectionError, json } from "../helpers/fake-fetch.ts";

const notFound = () => json(404, { id: "not_found", message: "no such user" });

/** Deletes `ghost` against the scripted answers; what unwrapDeletion made of the last one. */
async function deleteGhost(script: Step[], token?: TokenProvider): Promise<unknown> {
  const { client, seen } = testClient(script, token ? { token } : {});
  const result = await client.DELETE("/users/{name}", { params: { path: { name: "ghost" } } });
  expect(seen).toHaveLength(script.length);
  try {
    unwrapDeletion(result, testVendor);
    return "deleted";
  } catch (error) {
    return error;
  }
}

describe("a 404 to a re-sent delete", () => {
  it.each<[string, () => Step]>([
    ["a 502", () => json(502, { id: "bad_gateway", message: "upstream" })],
    ["a lost connection", connectionError],
  ])("after %s is success: the first attempt may have deleted the user", async (_, first) => {
    expect(await deleteGhost([first(), notFound()])).toBe("deleted");
  });

  it.each<[string, () => Response]>([
    ["a 429", () => json(429, { id: "too_many_requests", message: "slow down" }, { "retry-after": "0" })],
    ["the vendor's throttling answer", () => new Response("throttled", { status: 503 })],
  ])("after %s is a NotFoundError: that answer proves nothing was deleted", async (_, first) => {
    expect(await deleteGhost([first(), notFound()])).toBeInstanceOf(NotFoundError);
  });

  it("after a refused credential was renewed is a NotFoundError", async () => {
    let issued = 1;
    const token: TokenProvider = Object.assign(() => `token-${issued}`, {
      invalidate: () => {
        issued += 1;
      },
    });
    const refused = json(401, { id: "unauthorized", message: "token expired" });
    expect(await deleteGhost([refused, notFound()], token)).toBeInstanceOf(NotFoundError);
  });

  it("after a 429 and then a 502 is success: the second attempt may have deleted the user", async () => {
    const throttled = json(429, { id: "too_many_requests", message: "slow down" }, { "retry-after": "0" });
    const script = [throttled, json(502, { id: "bad_gateway", message: "upstream" }), notFound()];
    expect(await deleteGhost(script)).toBe("deleted");
  });

  it("to the first attempt is a NotFoundError", async () => {
    expect(await deleteGhost([notFound()])).toBeInstanceOf(NotFoundError);
  });
});
