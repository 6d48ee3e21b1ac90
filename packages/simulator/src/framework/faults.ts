/** Scripted faults: what `sim.failNext(...)` queues for the next matching requests. */
export interface FaultOptions {
  /**
   * Answer with this status instead of handling the request, in the vendor's error format (e.g. 500,
   * 503, or 429 with `retry-after`). The request is not handled: no state changes.
   */
  status?: number;
  /**
   * Close the connection without any response:
   * - `"before-handling"`: the request is not handled (a network failure before the vendor saw it);
   * - `"after-handling"`: the request is handled (state changes, e.g. the user is created) and then the
   *   response is lost, which is the ambiguous failure a client must reconcile.
   */
  drop?: "before-handling" | "after-handling";
  /** Wait this long before answering (or dropping), e.g. to trigger a client timeout. */
  delayMs?: number;
  /** For `status: 429`: the `retry-after` value in seconds (default 1). */
  retryAfterSeconds?: number;
  /** How many matching requests get the fault (default 1). */
  count?: number;
  /** Only requests to this vendor (e.g. `"digitalocean"`). */
  vendor?: string;
  /** Only requests for this operation (e.g. `"databases_add_user"`). */
  operationId?: string;
}

export interface FaultMatch {
  vendor: string;
  operationId: string | undefined;
}

interface PendingFault {
  options: FaultOptions;
  remaining: number;
}

export class FaultQueue {
  readonly #pending: PendingFault[] = [];

  add(options: FaultOptions): void {
    if (options.status === undefined && options.drop === undefined && options.delayMs === undefined) {
      throw new TypeError("failNext needs at least one of status, drop or delayMs");
    }
    if (options.status !== undefined && options.drop !== undefined) {
      throw new TypeError("failNext: status and drop exclude each other");
    }
    if (options.status !== undefined && (!Number.isInteger(options.status) || options.status < 400)) {
      throw new TypeError(`failNext: status must be an HTTP error status (>= 400), got ${options.status}`);
    }
    const count = options.count ?? 1;
    if (!Number.isInteger(count) || count < 1)
      throw new TypeError("failNext: count must be a positive integer");
    this.#pending.push({ options: { ...options }, remaining: count });
  }

  /** Takes the first queued fault that matches this request, if any. */
  take(match: FaultMatch): FaultOptions | undefined {
    const index = this.#pending.findIndex(
      ({ options }) =>
        (options.vendor === undefined || options.vendor === match.vendor) &&
        (options.operationId === undefined || options.operationId === match.operationId),
    );
    const fault = this.#pending[index];
    if (!fault) return undefined;
    fault.remaining -= 1;
    if (fault.remaining === 0) this.#pending.splice(index, 1);
    return fault.options;
  }

  get size(): number {
    return this.#pending.reduce((n, f) => n + f.remaining, 0);
  }

  clear(): void {
    this.#pending.length = 0;
  }
}
