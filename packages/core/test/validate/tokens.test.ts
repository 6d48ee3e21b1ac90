import { describe, expect, it } from "vitest";
import { tokenProvider } from "../../src/adapter.ts";
import { Secret, type TokenProvider, ValidationError } from "../../src/index.ts";
import { testClient } from "../helpers/client.ts";

const SECRET_TAIL = "SUPERSECRET_TAIL";

/** The error `run` throws or rejects with. */
async function failure(run: () => unknown): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  throw new Error("did not fail");
}

describe("a fixed token", () => {
  it("is sent without the whitespace around it (a token read from a file ends with a line break)", async () => {
    const token = tokenProvider(new Secret("  dop_v1_abc\n"), "token", "testvendor");
    const { client, seen } = testClient([Response.json({ users: [] })], { token });
    await client.GET("/users");
    expect(seen[0]?.headers.authorization).toBe("Bearer dop_v1_abc");
  });

  it.each([
    ["", "must be a non-empty string"],
    [" \n ", "must be a non-empty string"],
    [
      `dop_v1_abc\n${SECRET_TAIL}`,
      "must not contain line breaks, control characters or characters beyond Latin-1",
    ],
    [
      `dop_v1_abc\u0000${SECRET_TAIL}`,
      "must not contain line breaks, control characters or characters beyond Latin-1",
    ],
    [
      `dop_v1_€${SECRET_TAIL}`,
      "must not contain line breaks, control characters or characters beyond Latin-1",
    ],
  ])("%j is refused when the client is made, and never quoted", async (value, message) => {
    const error = await failure(() => tokenProvider(value, "apiToken", "testvendor"));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues).toEqual([{ path: "apiToken", message }]);
    expect(`${(error as Error).stack} ${JSON.stringify(error)}`).not.toContain(SECRET_TAIL);
  });
});

describe("a token provider's token", () => {
  it("is trimmed, checked on every attempt, and refused before anything is sent, naming the option", async () => {
    const tokens = ["tok-1\n", `tok\n${SECRET_TAIL}`, "   "];
    const token = tokenProvider(() => tokens.shift() ?? "", "apiToken", "testvendor");
    const { client, seen } = testClient([Response.json({ users: [] })], { token });
    await client.GET("/users");
    expect(seen.map((request) => request.headers.authorization)).toEqual(["Bearer tok-1"]);

    for (const message of [
      "must not contain line breaks, control characters or characters beyond Latin-1",
      "must be a non-empty string",
    ]) {
      const error = await failure(() => client.GET("/users"));
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues).toEqual([{ path: "apiToken", message }]);
      expect((error as Error).message).toBe(
        `testvendor: invalid input: the apiToken provider's token ${message}`,
      );
      expect(`${(error as Error).stack} ${JSON.stringify(error)}`).not.toContain(SECRET_TAIL);
    }
    expect(seen).toHaveLength(1);
  });

  it("keeps the provider's invalidate, so a refused cached token is still renewed", () => {
    const refused: string[] = [];
    const cached: TokenProvider = Object.assign(() => "tok", {
      invalidate: (token: string) => refused.push(token),
    });
    tokenProvider(cached, "token", "testvendor").invalidate?.("tok");
    expect(refused).toEqual(["tok"]);
    expect(tokenProvider(() => "tok", "token", "testvendor").invalidate).toBeUndefined();
  });

  it("given to the transport directly, is checked as `token`", async () => {
    const { client, seen } = testClient([], { token: () => "a\nb" });
    const error = await failure(() => client.GET("/users"));
    expect((error as ValidationError).issues).toEqual([
      {
        path: "token",
        message: "must not contain line breaks, control characters or characters beyond Latin-1",
      },
    ]);
    expect(seen).toEqual([]);
  });
});
