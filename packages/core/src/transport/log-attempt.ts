import { redactBody, redactHeaders, redactText } from "../redact.ts";
import type { Logger } from "../types.ts";
import type { AttemptOutcome } from "./attempt.ts";
import { withoutSecrets } from "./echoed-secrets.ts";

export interface AttemptLog {
  provider: string;
  method: string;
  attempt: number;
  /** How long the attempt waited for its turn (the throttle: requests in flight, a rate limit), in ms. */
  waitedMs: number;
  /** When it was sent (`performance.now()`). */
  startedAt: number;
  requestHeaders: Record<string, unknown>;
  requestBody: unknown;
}

/**
 * One `debug` line per HTTP attempt, with credentials masked in the URL, the headers and the bodies (by
 * pattern, and by the exact values the attempt sent), and how long the attempt waited for its turn: a
 * call slowed down by a rate limit shows why.
 * Stainless leaves bodies unredacted; ours carry passwords (create, reset) and must not. The bodies
 * are the ones openapi-fetch already parsed, so logging reads nothing twice.
 */
export function logAttempt(
  logger: Logger,
  entry: AttemptLog,
  outcome: AttemptOutcome,
  secrets: readonly string[],
): void {
  const { provider, method, attempt } = entry;
  const response = outcome.result?.response;
  const result = response ? String(response.status) : describeError(outcome.error);
  const url = redactText(outcome.url ?? "(not sent)");
  const meta = {
    provider,
    method,
    url,
    status: response?.status,
    attempt,
    waitedMs: Math.round(entry.waitedMs),
    durationMs: Math.round(performance.now() - entry.startedAt),
    requestHeaders: redactHeaders(stringValues(entry.requestHeaders)),
    requestBody: entry.requestBody === undefined ? undefined : redactBody(entry.requestBody),
    ...(response
      ? {
          responseHeaders: redactHeaders(response.headers),
          responseBody: redactBody(response.ok ? outcome.result?.data : outcome.result?.error),
        }
      : { error: describeError(outcome.error) }),
  };
  // What the attempt sent, masked wherever it came back: an unlabelled echo, a custom auth header.
  logger.debug?.(`${provider} ${method} ${url} -> ${result}`, withoutSecrets(meta, secrets));
}

function describeError(error: unknown): string {
  return redactText(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
}

function stringValues(headers: Record<string, unknown>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== null && value !== undefined) result[name] = String(value);
  }
  return result;
}
