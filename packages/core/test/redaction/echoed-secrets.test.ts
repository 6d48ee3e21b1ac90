// A vendor may quote back, unlabelled, what it was sent: the transport masks the exact values it sent
// (the credential, the secret fields of the body) in error bodies and in its log, where pattern-based
// redaction cannot see them.
import { describe, expect, it } from "vitest";
import { defineVendor, unwrap } from "../../src/adapter.ts";
import type { Logger, ValidationError } from "../../src/index.ts";
import { testClient } from "../helpers/client.ts";
import { json } from "../helpers/fake-fetch.ts";

const TOKEN = "dop_v1_SECRETTOKEN0123456789";
const PASSWORD = "ChosenPassw0rdABCDEFGHIJ";

// A vendor whose error bodies list issues, as HostUp's problem+json does.
const echoing = defineVendor({
  provider: "echoing",
  parseError: (body) => {
    const { message, issues } = body as {
      message?: string;
      issues?: Array<{ path: string; message: string }>;
    };
    return { message, issues };
  },
});

function logged(): { logger: Logger; text: () => string } {
  const lines: unknown[] = [];
  return {
    logger: { debug: (message, meta) => lines.push(message, meta) },
    text: () => JSON.stringify(lines),
  };
}

/** The error `run` rejects with. */
async function failure(run: () => Promise<unknown>): Promise<Error> {
  try {
    await run();
  } catch (error) {
    return error as Error;
  }
  throw new Error("did not fail");
}

describe("secrets the vendor quotes back", () => {
  it("an unlabelled token in an error message is masked, in the error and in the log", async () => {
    const { logger, text } = logged();
    const { client } = testClient([json(401, { message: `the token ${TOKEN} is expired` })], {
      token: () => TOKEN,
      logger,
    });
    const error = await failure(async () => unwrap(await client.GET("/users"), echoing));
    expect(error.message).toBe("echoing answered 401: the token [REDACTED] is expired");
    expect(text()).toContain("the token [REDACTED] is expired");
    expect(`${error.stack} ${JSON.stringify(error)} ${text()}`).not.toContain(TOKEN);
  });

  it("a password from the request body is masked in the vendor's validation issues and in plain-text bodies", async () => {
    const { client } = testClient(
      [
        json(422, {
          message: "invalid",
          issues: [{ path: "password", message: `${PASSWORD} is in a dictionary` }],
        }),
        new Response(`password ${PASSWORD.toLowerCase()} / ${PASSWORD} refused`, {
          status: 400,
          headers: { "content-type": "text/plain" },
        }),
      ],
      { retry: false },
    );
    const body = { name: "alice", password: PASSWORD };
    const first = (await failure(async () =>
      unwrap(await client.POST("/users", { body }), echoing),
    )) as ValidationError;
    expect(first.issues).toEqual([{ path: "password", message: "[REDACTED] is in a dictionary" }]);
    const second = await failure(async () => unwrap(await client.POST("/users", { body }), echoing));
    expect(second.message).toContain(`/ [REDACTED] refused`);
    expect(`${JSON.stringify(first)} ${second.message}`).not.toContain(PASSWORD);
  });

  it("a credential sent in a header of the vendor's own name is masked in the log", async () => {
    const { logger, text } = logged();
    const { client } = testClient([json(200, { users: [] })], {
      token: () => TOKEN,
      auth: { type: "header", name: "X-Auth-Key" },
      logger,
    });
    await client.GET("/users");
    expect(text()).toContain('"x-auth-key":"[REDACTED]"');
    expect(text()).not.toContain(TOKEN);
  });

  it("a successful answer is handed back as the vendor sent it: a returned password is the caller's", async () => {
    const { client } = testClient([json(201, { user: { name: "alice", password: PASSWORD } })]);
    const result = await client.POST("/users", { body: { name: "alice", password: PASSWORD } });
    expect(result.data).toEqual({ user: { name: "alice", password: PASSWORD } });
  });
});

describe("a call's headers", () => {
  it("a value no header can carry is refused before anything is sent, without quoting it", async () => {
    const { client, seen } = testClient([json(200, { users: [] })]);
    const error = await failure(() =>
      client.GET("/users", { headers: { "x-vault-token": `${TOKEN}\nrest` } }),
    );
    expect(error).toMatchObject({
      name: "ValidationError",
      issues: [
        { path: "headers.x-vault-token", message: "must not contain line breaks or control characters" },
      ],
    });
    expect(`${error.stack} ${JSON.stringify(error)}`).not.toContain(TOKEN);
    expect(seen).toEqual([]);
  });
});

describe("a base URL with credentials", () => {
  it.each(["http://admin:BASICPASS123@127.0.0.1:1", "http://:tk-us-APITOKEN123@127.0.0.1:1"])(
    "%s is refused when the client is made, without quoting it",
    (baseUrl) => {
      const error = (() => {
        try {
          testClient([], { baseUrl });
        } catch (caught) {
          return caught as ValidationError;
        }
        throw new Error("accepted");
      })();
      expect(error.issues).toEqual([
        { path: "baseUrl", message: "must be an absolute http(s) URL without credentials" },
      ]);
      expect(`${error.stack} ${JSON.stringify(error)}`).not.toMatch(/BASICPASS123|APITOKEN123/);
    },
  );
});
