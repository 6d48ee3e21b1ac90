// Scalingo's own secrets besides the API token and passwords (which the shared conformance suite
// checks): the bearer and the addon tokens the adapter obtains by itself, which the caller never sees.
import { REDACTED } from "@dbusers/core";
import { expectNoLeak } from "@dbusers/testing";
import { describe, expect, it } from "vitest";
import { adapterFor, bearersSent, DEFAULT_TOKEN, rejectionOf, startTestSimulator } from "./harness.ts";

const { sim } = await startTestSimulator();

function capturingLogger() {
  const lines: unknown[] = [];
  return {
    lines,
    logger: { debug: (message: string, meta?: Record<string, unknown>) => lines.push([message, meta]) },
  };
}

describe("Scalingo adapter: minted tokens stay secret", () => {
  it("the bearer and the addon token appear in no debug line, result, user or adapter", async () => {
    const database = sim.scalingo.addDatabase();
    const { lines, logger } = capturingLogger();
    const { users, requests } = adapterFor(sim, database, { logger });
    const created = await users.create({ name: "reporting" });
    const listed = await users.list();
    const [bearer, addonToken] = bearersSent(requests);
    const secrets = [bearer ?? "", addonToken ?? "", DEFAULT_TOKEN, created.password.reveal()];
    expect(secrets.every((secret) => secret.length > 20)).toBe(true);

    // The exchange's and the addon-token call's answers are logged with their tokens masked.
    expect(lines[0]).toEqual([
      expect.stringMatching(
        /^scalingo POST http:\/\/127\.0\.0\.1:\d+\/scalingo\/v1\/tokens\/exchange -> 200$/,
      ),
      expect.objectContaining({ requestHeaders: expect.objectContaining({ authorization: REDACTED }) }),
    ]);
    expect(lines[1]).toEqual([
      expect.stringMatching(/addons\/.+\/token -> 200$/),
      expect.objectContaining({
        responseBody: expect.objectContaining({ addon: expect.objectContaining({ token: REDACTED }) }),
      }),
    ]);
    for (const value of [lines, created, listed, users]) expectNoLeak(value, secrets);
  });

  it("errors of every step carry no token", async () => {
    const database = sim.scalingo.addDatabase();
    const { users, requests } = adapterFor(sim, database, { retry: false });
    await users.list();
    const tokens = [...bearersSent(requests), DEFAULT_TOKEN];
    sim.scalingo.expireTokens();
    sim.failNext({ vendor: "scalingo", status: 500, operationId: "token_exchange" });
    const errors = [await rejectionOf(users.list())];
    sim.failNext({ vendor: "scalingo", truncate: true, operationId: "token_exchange" });
    errors.push(await rejectionOf(users.list()));
    sim.failNext({ vendor: "scalingo", status: 401, operationId: "addon_token", count: 2 });
    errors.push(await rejectionOf(users.list()));
    expect(errors.map((error) => (error as Error).name)).toEqual([
      "UnavailableError",
      "InvalidResponseError",
      "AuthenticationError",
    ]);
    for (const error of errors) expectNoLeak(error, [...tokens, ...bearersSent(requests)]);
  });
});
