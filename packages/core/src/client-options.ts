import type { ValidationIssue } from "./errors.ts";
import { MAX_TIMER_MS } from "./sleep.ts";
import type { ClientOptions } from "./types.ts";

// The options every client takes, checked when the client is made: a JavaScript caller's
// `retry: { maxRetries: NaN }` would otherwise retry without end, `timeoutMs: -1` fail every call, and a
// header with a line break reach fetch, whose TypeError quotes the value (a credential, perhaps) and
// would pass for a network failure. Values are never quoted back: a header may carry a secret.

// RFC 9110: a header name is a `token`; a value is visible Latin-1, spaces and tabs (no line breaks).
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

/** Whether a string can be sent as an HTTP header value as it is. */
export const isHeaderValue = (value: unknown): boolean =>
  typeof value === "string" && HEADER_VALUE.test(value);

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null;
export const isMs = (value: unknown): boolean =>
  typeof value === "number" && value > 0 && value <= MAX_TIMER_MS;
const isMsOrZero = (value: unknown): boolean => value === 0 || isMs(value);
const isCount = (value: unknown): boolean => Number.isSafeInteger(value) && (value as number) >= 0;
const isPositiveCount = (value: unknown): boolean => isCount(value) && value !== 0;
const isFunction = (value: unknown): boolean => typeof value === "function";
const isOffOrObject = (value: unknown): boolean => value === false || isObject(value);
// Credentials in the URL would make fetch fail with a TypeError quoting them; they belong in `token`.
// (URL.parse is not in Node 20.3, the oldest Node the packages support.)
const isHttpUrl = (value: unknown): boolean => {
  const url = typeof value === "string" && URL.canParse(value) ? new URL(value) : undefined;
  return url !== undefined && /^https?:$/.test(url.protocol) && url.username === "" && url.password === "";
};
const isHeaderRecord = (value: unknown): boolean =>
  isObject(value) &&
  !Array.isArray(value) &&
  Object.entries(value).every(([name, text]) => HEADER_NAME.test(name) && isHeaderValue(text));
const isWindowList = (value: unknown): boolean =>
  Array.isArray(value) && value.every((window) => isPositiveCount(window?.limit) && isMs(window?.windowMs));

const POSITIVE_MS = "must be a positive number of milliseconds";
const NON_NEGATIVE_MS = "must be a non-negative number of milliseconds";
const OFF_OR_OBJECT = "must be false or an object";
const HEADER_TEXT = "without line breaks or control characters";

/** Each option (a path into the options) that is checked when given, and what it must be. */
const RULES: ReadonlyArray<readonly [path: string, valid: (value: unknown) => boolean, message: string]> = [
  ["baseUrl", isHttpUrl, "must be an absolute http(s) URL without credentials"],
  ["timeoutMs", isMs, POSITIVE_MS],
  ["deadlineMs", isMs, POSITIVE_MS],
  ["maxResponseBytes", isPositiveCount, "must be a whole number of bytes, 1 or more"],
  ["retry", isOffOrObject, OFF_OR_OBJECT],
  ["retry.maxRetries", isCount, "must be a whole number, 0 or more"],
  ["retry.baseDelayMs", isMsOrZero, NON_NEGATIVE_MS],
  ["retry.maxDelayMs", isMsOrZero, NON_NEGATIVE_MS],
  ["retry.maxRetryAfterMs", isMsOrZero, NON_NEGATIVE_MS],
  ["retry.shouldRetry", isFunction, "must be a function"],
  ["throttle", isOffOrObject, OFF_OR_OBJECT],
  ["throttle.maxConcurrency", isPositiveCount, "must be a whole number, 1 or more"],
  ["throttle.windows", isWindowList, "must be a list of { limit: a whole number, 1 or more; windowMs }"],
  ["headers", isHeaderRecord, `must map header names to strings ${HEADER_TEXT}`],
  ["userAgent", isHeaderValue, `must be a string ${HEADER_TEXT}`],
  ["fetch", isFunction, "must be a function"],
  ["logger", isObject, "must be an object with a debug, info, warn or error method"],
  ["sharedQuota", isObject, "must be an object with a quota"],
  [
    "sharedQuota.quota",
    (value) => isObject(value) && isFunction(value.take) && isObject(value.store),
    "must be an object with a take method and a store",
  ],
  ["sharedQuota.timeoutMs", isMs, POSITIVE_MS],
  ["sharedQuota.key", (value) => typeof value === "string" && value !== "", "must be a non-empty string"],
  ["lock", (value) => isObject(value) && isFunction(value.run), "must be an object with a run method"],
  ["serializeMutations", (value) => typeof value === "boolean", "must be true or false"],
];

/**
 * A call's own headers (the raw client's `headers` option): fetch would refuse a bad one with a
 * TypeError quoting its value, which reads as a network failure. The issue names the header, not its
 * value.
 */
export function checkCallHeaders(headers: Record<string, unknown>): ValidationIssue[] {
  return Object.entries(headers).flatMap(([name, value]) =>
    value === undefined || value === null || isHeaderValue(String(value))
      ? []
      : [{ path: `headers.${name}`, message: "must not contain line breaks or control characters" }],
  );
}

/** Every problem with the options a client was made with (`baseUrl` is the one it will call). */
export function checkClientOptions(options: ClientOptions & { baseUrl: unknown }): ValidationIssue[] {
  return RULES.flatMap(([path, valid, message]) => {
    const value = path
      .split(".")
      .reduce<unknown>((parent, key) => (isObject(parent) ? parent[key] : undefined), options);
    return (value === undefined && path !== "baseUrl") || valid(value) ? [] : [{ path, message }];
  });
}
