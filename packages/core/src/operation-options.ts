import { isMs } from "./client-options.ts";
import type { ValidationIssue } from "./errors.ts";
import type { OperationOptions } from "./types.ts";
import { throwIfInvalid } from "./validate.ts";
import { checkWaitOptions } from "./waiter.ts";

const NONE: OperationOptions = Object.freeze({});

/**
 * The last argument of an operation, checked before anything is sent: absent, or an object whose
 * `signal` is an AbortSignal and whose `wait` is a boolean or wait options. A JavaScript caller's `null`
 * or `{ signal: "x" }` so gets a ValidationError rather than a TypeError from deep inside the call, and
 * `wait` means the same on every vendor, even where nothing is asynchronous to wait for.
 */
export function requireOperationOptions(
  options: OperationOptions | undefined,
  provider: string,
): OperationOptions {
  if (options === undefined) return NONE;
  throwIfInvalid(checkOperationOptions(options), provider);
  return options;
}

/** A call's `signal`: absent, or an AbortSignal (the transport checks a raw client's too). */
export function checkSignal(signal: unknown): ValidationIssue[] {
  return signal === undefined || signal instanceof AbortSignal
    ? []
    : [{ path: "signal", message: "must be an AbortSignal" }];
}

export function checkOperationOptions(options: unknown): ValidationIssue[] {
  if (typeof options !== "object" || options === null) {
    return [{ path: "options", message: "must be an object" }];
  }
  const { signal, wait, deadlineMs } = options as OperationOptions;
  return [
    ...checkSignal(signal),
    ...(deadlineMs === undefined || isMs(deadlineMs)
      ? []
      : [{ path: "deadlineMs", message: "must be a positive number of milliseconds" }]),
    ...(wait === undefined || typeof wait === "boolean"
      ? []
      : typeof wait === "object" && wait !== null
        ? checkWaitOptions(wait, "wait")
        : [{ path: "wait", message: "must be a boolean or an object of wait options" }]),
  ];
}
