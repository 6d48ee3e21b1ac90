import { redactBody, redactHeaders, redactText } from "../redact.ts";
import type { Logger, ProviderName } from "../types.ts";
import type { AttemptHook, AttemptOutcome } from "./attempt.ts";

/**
 * One `debug` line per HTTP attempt, with credentials masked in the URL, the headers and the JSON
 * bodies. Stainless leaves bodies unredacted; ours carry passwords (create, reset) and must not.
 */
export function loggingHook(provider: ProviderName, logger: Logger): AttemptHook {
  return async (request, attempt) => {
    const startedAt = performance.now();
    const requestBody = request.body ? await readBody(request.clone()) : undefined;
    return {
      request,
      async settle(outcome) {
        logger.debug?.(summary(provider, request, outcome), {
          provider,
          method: request.method,
          url: redactText(request.url),
          status: outcome.response?.status,
          attempt,
          durationMs: Math.round(performance.now() - startedAt),
          requestHeaders: redactHeaders(request.headers),
          requestBody,
          ...(outcome.response
            ? {
                responseHeaders: redactHeaders(outcome.response.headers),
                responseBody: await readBody(outcome.response.clone()),
              }
            : { error: describeError(outcome.error) }),
        });
        return outcome;
      },
    };
  };
}

function summary(provider: ProviderName, request: Request, outcome: AttemptOutcome): string {
  const result = outcome.response ? String(outcome.response.status) : describeError(outcome.error);
  return `${provider} ${request.method} ${redactText(request.url)} -> ${result}`;
}

function describeError(error: unknown): string {
  return redactText(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
}

// JSON bodies are redacted field by field; anything else is treated as text.
async function readBody(message: Request | Response): Promise<unknown> {
  let text: string;
  try {
    text = await message.text();
  } catch {
    return undefined;
  }
  if (!text) {
    return undefined;
  }
  try {
    return redactBody(JSON.parse(text));
  } catch {
    return redactText(text);
  }
}
