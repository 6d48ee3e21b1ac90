import type { ValidationIssue, WaitOptions } from "@dbusers/core";
import {
  checkNonEmptyString,
  checkPathSegment,
  checkWaitOptions,
  throwIfInvalid,
} from "@dbusers/core/adapter";
import { cloud66 } from "./vendor.ts";

const { provider } = cloud66;
const DEFAULT_PAGE_CONCURRENCY = 4;

/** The adapter's own options, checked (a `ValidationError` naming each bad one) before any request. */
export interface AdapterSettings {
  stackId: string;
  serverGroupId: string;
  pageConcurrency: number;
  waitDefaults: WaitOptions;
}

export interface AdapterOptions {
  stackId: string;
  serverGroupId: string | number;
  pageConcurrency?: number;
  wait?: WaitOptions;
}

export function adapterSettings(options: AdapterOptions): AdapterSettings {
  const { stackId, serverGroupId, pageConcurrency = DEFAULT_PAGE_CONCURRENCY, wait = {} } = options ?? {};
  // A number is a server group id as the Go client types it; it goes into the path as its digits.
  const groupId = typeof serverGroupId === "number" ? String(serverGroupId) : serverGroupId;
  const issues: ValidationIssue[] = [
    ...checkPathSegment(stackId, "stackId"),
    ...(typeof serverGroupId === "number" && !(Number.isSafeInteger(serverGroupId) && serverGroupId > 0)
      ? [{ path: "serverGroupId", message: "must be a positive integer or a non-empty string" }]
      : checkPathSegment(groupId, "serverGroupId")),
    ...(Number.isInteger(pageConcurrency) && pageConcurrency >= 1
      ? []
      : [{ path: "pageConcurrency", message: "must be a positive integer" }]),
    ...checkWaitOptions(wait, "wait"),
  ];
  throwIfInvalid(issues, provider);
  return { stackId, serverGroupId: groupId, pageConcurrency, waitDefaults: wait };
}

/**
 * A call's `wait` option, once `requireOperationOptions` checked it: `false` (hand the operation back),
 * or the wait options to use (`true` and `undefined` mean the adapter's own).
 */
export function waitChoice(wait: boolean | WaitOptions | undefined): false | WaitOptions {
  if (wait === false) return false;
  return wait === undefined || wait === true ? {} : wait;
}

/** A user name as the adapter looks it up: any non-blank string (Cloud 66 publishes no rules). */
export function requireName(name: unknown): string {
  throwIfInvalid(checkNonEmptyString(name, "name"), provider);
  return name as string;
}

/**
 * An action id: Cloud 66's are positive integers, and safe ones: above 2 ** 53 a number may already be
 * another id than the one meant, rounded when it was parsed.
 */
export function requireActionId(id: unknown): number {
  const valid = typeof id === "number" && Number.isSafeInteger(id) && id >= 1;
  throwIfInvalid(
    valid ? [] : [{ path: "id", message: "must be a positive integer (an action id)" }],
    provider,
  );
  return id as number;
}

/** How long a mutation waits for its action by default: 10 minutes, like Cloud 66's Go client (and core's waiter). */
const DEFAULT_WAIT_TIMEOUT_MS = 600_000;
/**
 * What a waiting mutation is given beyond its wait's time limit: the lookups before it sends (every
 * page of the list for a name that is free) and, after a lost answer, the reads that find out what it did.
 */
const DEADLINE_MARGIN_MS = 60_000;

/** The deadline of a mutation that waits with `wait`, when neither the call nor the client sets one. */
export function mutationDeadlineMs(wait: WaitOptions): number {
  return (wait.timeoutMs ?? DEFAULT_WAIT_TIMEOUT_MS) + DEADLINE_MARGIN_MS;
}
