import { InvalidResponseError } from "./errors.ts";
import { redactText } from "./redact.ts";

/** The error for a 2xx answer that is not what the spec declares; `problem` says what, never the body. */
export function invalidResponse(
  provider: string,
  response: Response,
  problem: string,
  cause?: unknown,
): InvalidResponseError {
  const requestId = response.headers.get("x-request-id") ?? response.headers.get("request-id") ?? undefined;
  const where = response.url ? ` to ${redactText(new URL(response.url).pathname)}` : "";
  return new InvalidResponseError(
    `${provider}: the ${response.status} answer${where} is not what the API declares: ${problem}`,
    { provider, status: response.status, ...(requestId ? { requestId } : {}), cause },
  );
}
