import type { RateWindow, ValidationIssue } from "@dbusers/core";
import { defineVendor, type VendorDescriptor, type VendorErrorDetails } from "@dbusers/core/adapter";
import type { ScalingoErrorBody, ScalingoNotFoundErrorBody, ScalingoValidationErrorBody } from "./types.ts";

/** Scalingo's documented limit: 60 requests a minute on the main API, assumed for the Database API too. */
export const SCALINGO_RATE_LIMITS: readonly RateWindow[] = [{ limit: 60, windowMs: 60_000 }];

/** Everything core needs to know about Scalingo, declared once (bearer tokens are core's default). */
export const scalingo: VendorDescriptor = defineVendor({
  provider: "scalingo",
  parseError: parseScalingoError,
  rateLimits: SCALINGO_RATE_LIMITS,
});

type AnyErrorBody = Partial<ScalingoErrorBody & ScalingoNotFoundErrorBody & ScalingoValidationErrorBody>;

/**
 * Reads Scalingo's error bodies, one format for its three services (go-scalingo parses them all with
 * one parser): `{ error, code? }`, `{ resource, error }` on a 404, and `{ errors: { field: [..] } }` on a
 * 422, whose fields become the `ValidationError`'s issues. The plain-text 429 (`Retry later`) is no
 * object: core quotes it as the message.
 */
function parseScalingoError(body: unknown): VendorErrorDetails {
  if (typeof body !== "object" || body === null) return {};
  const { error, code, resource, errors } = body as AnyErrorBody;
  const issues = fieldIssues(errors);
  const message =
    typeof error === "string"
      ? [resource, error].filter((part) => typeof part === "string").join(" ")
      : issues?.map((issue) => `${issue.path} ${issue.message}`).join("; ");
  return {
    ...(message ? { message } : {}),
    ...(typeof code === "string" ? { vendorCode: code } : {}),
    ...(issues ? { issues } : {}),
  };
}

function fieldIssues(errors: unknown): ValidationIssue[] | undefined {
  if (typeof errors !== "object" || errors === null) return undefined;
  const issues = Object.entries(errors).flatMap(([field, messages]) =>
    (Array.isArray(messages) ? messages : [messages])
      .filter((message): message is string => typeof message === "string")
      .map((message) => ({ path: field, message })),
  );
  return issues.length > 0 ? issues : undefined;
}
