import type { RateWindow, ValidationIssue } from "@dbusers/core";
import { defineVendor, type VendorDescriptor, type VendorErrorDetails } from "@dbusers/core/adapter";
import type { HostUpProblemDetails, HostUpProblemFieldError } from "./types.ts";

/**
 * HostUp publishes no numeric limit: none to keep to in advance. Its 429s name the window's limit and
 * when it reopens (`X-RateLimit-Limit`, `X-RateLimit-Reset`): the throttle holds requests until then and
 * learns the window from that refusal, to keep to it from then on.
 */
export const HOSTUP_RATE_LIMITS: readonly RateWindow[] = [];

/** Everything core needs to know about HostUp, declared once (bearer API keys are core's default). */
export const hostup: VendorDescriptor = defineVendor({
  provider: "hostup",
  parseError: parseProblemDetails,
  rateLimits: HOSTUP_RATE_LIMITS,
});

/**
 * Reads HostUp's RFC 7807 problem document (components.schemas.problem_details): `code` becomes the
 * error's `vendorCode`, `requestId` its `requestId`, and the field-level `errors[]` its `issues`, each
 * with the member it points at, HostUp's text and HostUp's code. A 429 is recognised by its status
 * alone: HostUp uses two codes for it (`rate_limit_exceeded`, `rate_limited`).
 */
function parseProblemDetails(body: unknown): VendorErrorDetails {
  if (typeof body !== "object" || body === null) return {};
  const problem = body as Partial<HostUpProblemDetails>;
  const issues = Array.isArray(problem.errors) ? problem.errors.filter(isFieldError).map(toIssue) : [];
  const fields = issues.map((issue) => `${issue.path || "body"}: ${issue.message}`).join("; ");
  const summary = nonEmpty(problem.detail) ?? nonEmpty(problem.title);
  const message = [summary, fields && `(${fields})`].filter(Boolean).join(" ");
  const vendorCode = nonEmpty(problem.code);
  const requestId = nonEmpty(problem.requestId);
  return {
    ...(message === "" ? {} : { message }),
    ...(vendorCode === undefined ? {} : { vendorCode }),
    ...(requestId === undefined ? {} : { requestId }),
    ...(issues.length === 0 ? {} : { issues }),
  };
}

function isFieldError(value: unknown): value is HostUpProblemFieldError {
  if (typeof value !== "object" || value === null) return false;
  const { pointer, detail } = value as Partial<HostUpProblemFieldError>;
  return typeof pointer === "string" && typeof detail === "string";
}

/** `{ pointer: "/privileges/0", detail, code }` → `{ path: "privileges.0", message, code }`. */
function toIssue({ pointer, detail, code }: HostUpProblemFieldError): ValidationIssue {
  const path = pointer
    .split("/")
    .slice(1)
    .map((token) => token.replace(/~1/g, "/").replace(/~0/g, "~"))
    .join(".");
  const issueCode = nonEmpty(code);
  return { path, message: detail, ...(issueCode === undefined ? {} : { code: issueCode }) };
}

function nonEmpty(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
}
