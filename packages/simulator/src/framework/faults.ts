import { uniformFloat64 } from "pure-rand/distribution/uniformFloat64";
import { uniformInt } from "pure-rand/distribution/uniformInt";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";
import type { RandomGenerator } from "pure-rand/types/RandomGenerator";

/**
 * What a fault does to one request: one way to answer (`status`, `drop`, `truncate`, `html`,
 * `contentType` or `hang`), a `delayMs`, or both (a delay then the answer).
 */
export interface Fault {
  /**
   * Answer with this status instead of handling the request, in the vendor's error format (e.g. 500,
   * 503, or 429 with `retry-after`). The request is not handled: no state changes.
   */
  status?: number;
  /** For `status: 429`: the `retry-after` value in seconds (default 1). */
  retryAfterSeconds?: number;
  /**
   * Close the connection without any response:
   * - `"before-handling"`: the request is not handled (a network failure before the vendor saw it);
   * - `"after-handling"`: the request is handled (state changes, e.g. the user is created) and then the
   *   response is lost, which is the ambiguous failure a client must reconcile.
   */
  drop?: "before-handling" | "after-handling";
  /**
   * Handle the request, then send its body cut short (the first half), with the real status and
   * content type: the change was applied but the client cannot parse the answer.
   */
  truncate?: true;
  /**
   * Answer with an HTML error page of this status (`text/html`), as a proxy or load balancer in front
   * of the API sends it. The request is not handled.
   */
  html?: number;
  /** Handle the request, then send its body with this (wrong) content type, e.g. `"text/plain"`. */
  contentType?: string;
  /** Wait this long before answering (or dropping), e.g. to trigger a client timeout. */
  delayMs?: number;
  /**
   * Never answer: the request is not handled and the connection stays open until the client gives up
   * (or the simulator closes).
   */
  hang?: true;
}

/** Which requests a fault applies to. */
export interface FaultFilter {
  /** Only requests to this vendor (e.g. `"digitalocean"`). */
  vendor?: string;
  /** Only requests for this operation (e.g. `"databases_add_user"`). */
  operationId?: string;
}

/** `sim.failNext(...)`: a fault for the next matching request(s). */
export interface FaultOptions extends Fault, FaultFilter {
  /** How many matching requests get the fault (default 1). */
  count?: number;
}

/** `sim.failRandomly(...)`: faults injected at random, reproducibly. */
export interface RandomFaultOptions extends FaultFilter {
  /** Seeds the pseudo-random generator: the same seed gives the same faults on the same requests. */
  seed: number;
  /** Probability (0 to 1) that a matching request gets a fault. */
  rate: number;
  /** The faults to choose from, each equally likely. */
  faults: readonly Fault[];
}

export interface RequestMatch {
  vendor: string;
  operationId: string | undefined;
}

/** The ways to answer a fault offers; they exclude each other. */
const ANSWERS = ["status", "drop", "truncate", "html", "contentType", "hang"] as const;

function checkFault(fault: Fault, caller: string): void {
  const answers = ANSWERS.filter((key) => fault[key] !== undefined);
  if (answers.length === 0 && fault.delayMs === undefined) {
    throw new TypeError(`${caller} needs at least one of ${ANSWERS.join(", ")} or delayMs`);
  }
  if (answers.length > 1) throw new TypeError(`${caller}: ${answers.join(" and ")} exclude each other`);
  if (fault.hang !== undefined && fault.delayMs !== undefined) {
    throw new TypeError(`${caller}: hang never answers, so delayMs means nothing with it`);
  }
  for (const key of ["status", "html"] as const) {
    const status = fault[key];
    if (status !== undefined && (!Number.isInteger(status) || status < 400 || status > 599)) {
      throw new TypeError(`${caller}: ${key} must be an HTTP error status (400 to 599), got ${status}`);
    }
  }
  if (fault.contentType !== undefined && fault.contentType.trim() === "") {
    throw new TypeError(`${caller}: contentType must not be empty`);
  }
  if (fault.delayMs !== undefined && !(fault.delayMs >= 0)) {
    throw new TypeError(`${caller}: delayMs must be a number of milliseconds >= 0`);
  }
}

function matches(filter: FaultFilter, request: RequestMatch): boolean {
  return (
    (filter.vendor === undefined || filter.vendor === request.vendor) &&
    (filter.operationId === undefined || filter.operationId === request.operationId)
  );
}

interface PendingFault {
  options: FaultOptions;
  remaining: number;
}

interface RandomMode {
  options: RandomFaultOptions;
  rng: RandomGenerator;
}

/** The faults waiting for requests: scripted ones (`failNext`) first, then the random mode (`failRandomly`). */
export class FaultQueue {
  readonly #pending: PendingFault[] = [];
  #random: RandomMode | undefined;

  add(options: FaultOptions): void {
    checkFault(options, "failNext");
    const count = options.count ?? 1;
    if (!Number.isInteger(count) || count < 1)
      throw new TypeError("failNext: count must be a positive integer");
    this.#pending.push({ options: { ...options }, remaining: count });
  }

  /** Starts (or restarts, with a fresh generator) injecting faults at random. */
  addRandom(options: RandomFaultOptions): void {
    if (!Number.isInteger(options.seed)) throw new TypeError("failRandomly: seed must be an integer");
    if (!(options.rate >= 0 && options.rate <= 1)) {
      throw new TypeError("failRandomly: rate must be a probability between 0 and 1");
    }
    if (options.faults.length === 0) throw new TypeError("failRandomly: faults must not be empty");
    for (const fault of options.faults) checkFault(fault, "failRandomly");
    const copy = { ...options, faults: options.faults.map((fault) => ({ ...fault })) };
    this.#random = { options: copy, rng: xoroshiro128plus(options.seed) };
  }

  /** The fault for this request, if any: the first matching scripted one, else maybe a random one. */
  take(request: RequestMatch): Fault | undefined {
    const index = this.#pending.findIndex(({ options }) => matches(options, request));
    const pending = this.#pending[index];
    if (pending) {
      pending.remaining -= 1;
      if (pending.remaining === 0) this.#pending.splice(index, 1);
      return pending.options;
    }
    return this.#randomFault(request);
  }

  /** One draw per matching request decides whether, a second which: a seed replays the same sequence. */
  #randomFault(request: RequestMatch): Fault | undefined {
    const random = this.#random;
    if (!random || !matches(random.options, request)) return undefined;
    if (uniformFloat64(random.rng) >= random.options.rate) return undefined;
    return random.options.faults[uniformInt(random.rng, 0, random.options.faults.length - 1)];
  }

  /** Forgets scripted faults and stops the random mode. */
  clear(): void {
    this.#pending.length = 0;
    this.#random = undefined;
  }
}
