import type { Fault } from "@dbusers/simulator";

/**
 * The failures that leave a mutation's fate unknown to the caller: the server may or may not have
 * applied it. With `timeoutMs: 500` on the adapter, the delayed answer comes too late.
 */
export const AMBIGUOUS_FAULTS: ReadonlyArray<readonly [string, Fault]> = [
  ["a 500", { status: 500 }],
  ["an HTML 502 from a proxy", { html: 502 }],
  ["the connection dropped before the server saw it", { drop: "before-handling" }],
  ["the connection dropped after the server handled it", { drop: "after-handling" }],
  ["an answer later than the attempt's time budget", { delayMs: 2_000 }],
];

/** The attempt budget that makes the delayed fault above a timeout. */
export const SHORT_ATTEMPTS = { timeoutMs: 500 };

/** An async vendor (Cloud66) follows a create's effect until the wait's limit: kept short. Others ignore it. */
export const SHORT_WAIT = { wait: { timeoutMs: 1_000 } };
