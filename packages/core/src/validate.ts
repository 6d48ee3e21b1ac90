import { ValidationError, type ValidationIssue } from "./errors.ts";

// Checks adapters run before sending anything, so bad input fails fast, with every problem at once,
// and never reaches a vendor. `check*` collect issues; `require*` throw a ValidationError.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function checkNonEmptyString(value: unknown, field: string): ValidationIssue[] {
  return typeof value === "string" && value.trim() !== ""
    ? []
    : [{ path: field, message: "must be a non-empty string" }];
}

export function checkUuid(value: unknown, field: string): ValidationIssue[] {
  return typeof value === "string" && UUID.test(value) ? [] : [{ path: field, message: "must be a UUID" }];
}

/** An optional flag: absent, or `true`/`false`. Never read as truthy: `readOnly: "false"` is refused. */
export function checkOptionalBoolean(value: unknown, field: string): ValidationIssue[] {
  return value === undefined || typeof value === "boolean"
    ? []
    : [{ path: field, message: "must be a boolean" }];
}

/**
 * A value that goes into a URL path. openapi-fetch percent-encodes `/`, but some servers decode `%2F`
 * before routing, and `.` / `..` are not encoded at all, so URL parsing would resolve them and the
 * request would hit another resource (`/users/..` is `/`).
 */
export function checkPathSegment(value: unknown, field: string): ValidationIssue[] {
  const issues = checkNonEmptyString(value, field);
  if (issues.length > 0) {
    return issues;
  }
  const segment = value as string;
  if (segment === "." || segment === "..") {
    return [{ path: field, message: "must not be '.' or '..'" }];
  }
  if (segment.includes("/") || segment.includes("\\")) {
    return [{ path: field, message: "must not contain '/' or '\\'" }];
  }
  return [];
}

/** Throws one ValidationError listing every issue, if there is any. */
export function throwIfInvalid(issues: ValidationIssue[], provider: string): void {
  if (issues.length > 0) {
    const summary = issues.map((issue) => `${issue.path} ${issue.message}`).join("; ");
    throw new ValidationError(`${provider}: invalid input: ${summary}`, { provider, issues });
  }
}

export function requireNonEmptyString(value: unknown, field: string, provider: string): string {
  throwIfInvalid(checkNonEmptyString(value, field), provider);
  return value as string;
}

export function requireUuid(value: unknown, field: string, provider: string): string {
  throwIfInvalid(checkUuid(value, field), provider);
  return value as string;
}

export function requirePathSegment(value: unknown, field: string, provider: string): string {
  throwIfInvalid(checkPathSegment(value, field), provider);
  return value as string;
}
