import { isAmbiguousFailure } from "../ambiguous-failure.ts";
import { backoffDelay } from "../backoff.ts";
import { type MutationOutcome, TimeoutError } from "../errors.ts";
import { requireOperationOptions } from "../operation-options.ts";
import { sleep } from "../sleep.ts";
import type { OperationOptions } from "../types.ts";
import type { NameLock } from "./lock.ts";
import { type MutationOperation, mutationError, requestOutcome, UNKNOWN_MEANS } from "./outcome.ts";

/** What each request of a mutation is sent with: spread it into openapi-fetch's options. */
export interface Call {
  readonly signal: AbortSignal;
  /** What is left of the mutation's deadline, for the transport's own waits. */
  readonly deadlineMs: number;
}

/** Where a mutation runs: its vendor, its deadline and the lock its user's name is held by. */
export interface MutationScope {
  provider: string;
  /** Names the place the users live in (a cluster, an account), so that one lock can serve many. */
  scope: string;
  lock: NameLock;
  /** Mutations of the whole scope one at a time, not only of one name (DigitalOcean answers 5xx otherwise). */
  serialize?: boolean;
  /** The deadline of a call that sets none, retries, lookups, recovery and waits included. */
  deadlineMs: (options: OperationOptions) => number;
}

/** Lookups a mutation repeats after an answer it could not use, within its deadline. */
const MAX_LOOKUPS = 4;
const LOOKUP_BASE_DELAY_MS = 200;
const LOOKUP_MAX_DELAY_MS = 2_000;

/**
 * One mutation as it runs: it knows whether anything it sent may have been carried out yet, and marks
 * every error it ends with by its operation, its step and that outcome.
 */
export class MutationRun {
  readonly operation: MutationOperation;
  /** What an unknown outcome means for the caller, said in the error's message. */
  readonly unknownMeans: string;
  readonly #signal: AbortSignal;
  readonly #deadline: number;
  /** Whether a request of this mutation may have changed something at the vendor. */
  #mayHaveApplied = false;

  constructor(operation: MutationOperation, unknownMeans: string, signal: AbortSignal, deadline: number) {
    this.operation = operation;
    this.unknownMeans = unknownMeans;
    this.#signal = signal;
    this.#deadline = deadline;
  }

  /** The signal and the deadline left, read when a request is made. */
  get call(): Call {
    return { signal: this.#signal, deadlineMs: Math.max(1, this.#deadline - Date.now()) };
  }

  get signal(): AbortSignal {
    return this.#signal;
  }

  /** A request that reads: its failure leaves the outcome as the steps before left it. */
  async read<T>(step: string, read: (call: Call) => Promise<T>): Promise<T> {
    try {
      return await read(this.call);
    } catch (error) {
      throw this.fail(error, step, this.#mayHaveApplied ? "unknown" : "not-applied");
    }
  }

  /**
   * A read that matters to the outcome (a lookup after an answer was lost): an answer it cannot use (cut
   * short, a 5xx once the transport's retries ran out, a timed-out attempt) is asked again, a few times,
   * within the deadline.
   */
  async readRetrying<T>(step: string, read: (call: Call) => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await read(this.call);
      } catch (error) {
        const delay = backoffDelay(attempt, LOOKUP_BASE_DELAY_MS, LOOKUP_MAX_DELAY_MS);
        const again = isAmbiguousFailure(error) && attempt + 1 < MAX_LOOKUPS && !this.#signal.aborted;
        if (!again || Date.now() + delay >= this.#deadline) {
          throw this.fail(error, step, this.#mayHaveApplied ? "unknown" : "not-applied");
        }
        await sleep(delay, this.#signal).catch((reason: unknown) => {
          throw this.fail(reason, step, this.#mayHaveApplied ? "unknown" : "not-applied");
        });
      }
    }
  }

  /** A request that changes something: once it may have been carried out, every later failure is unknown. */
  async send<T>(step: string, send: (call: Call) => Promise<T>): Promise<T> {
    try {
      const result = await send(this.call);
      this.#mayHaveApplied = true;
      return result;
    } catch (error) {
      const outcome = this.#mayHaveApplied ? "unknown" : requestOutcome(error);
      if (outcome === "unknown") this.#mayHaveApplied = true;
      throw this.fail(error, step, outcome);
    }
  }

  /**
   * Says that a lookup has shown what the earlier requests did (a user still there after a lost delete),
   * so a failure from here on is judged by what is sent next.
   */
  known(): void {
    this.#mayHaveApplied = false;
  }

  /** Whether a request of this mutation may have changed something. */
  get mayHaveApplied(): boolean {
    return this.#mayHaveApplied;
  }

  /** Whether another try could still start before the deadline. */
  hasTime(reserveMs = 0): boolean {
    return !this.#signal.aborted && Date.now() + reserveMs < this.#deadline;
  }

  /** Marks `error` as this mutation's, failed at `step` with `outcome`. */
  fail(error: unknown, step: string, outcome: MutationOutcome): unknown {
    return mutationError(error, {
      operation: this.operation,
      step,
      outcome,
      unknownMeans: this.unknownMeans,
    });
  }
}

export interface MutationInput<O extends OperationOptions = OperationOptions> {
  /** The operation the caller called. */
  operation: MutationOperation;
  /** The user's name, which the mutation holds the lock of (as the caller gave it: it is checked later). */
  name: unknown;
  /**
   * The call's last argument, as the caller gave it: checked here, so that a bad one is an error of the
   * mutation (not applied) like any refusal before sending. Its `signal` and `deadlineMs` apply.
   */
  options?: O | undefined;
}

/**
 * Runs one mutation under its deadline and its name's lock: `body` gets the run to send through and the
 * call's checked options. The caller's abort ends it with the caller's reason; the deadline with a
 * `TimeoutError`. Errors thrown outside the run's steps (a refusal of the input, checked in `body`) are
 * marked not applied, or unknown once a request may have been carried out.
 */
export async function runMutation<T, O extends OperationOptions = OperationOptions>(
  scope: MutationScope,
  input: MutationInput<O>,
  body: (run: MutationRun, options: O) => Promise<T>,
): Promise<T> {
  const { operation } = input;
  const unknownMeans = UNKNOWN_MEANS[operation];
  let options: O;
  try {
    options = requireOperationOptions(input.options, scope.provider) as O;
  } catch (error) {
    throw mutationError(error, { operation, unknownMeans, step: "before sending", outcome: "not-applied" });
  }
  const deadlineMs = options.deadlineMs ?? scope.deadlineMs(options);
  const limit = new AbortController();
  const timer = setTimeout(() => {
    limit.abort(
      new TimeoutError(`${scope.provider}: ${operation} did not finish within ${deadlineMs} ms`, {
        provider: scope.provider,
      }),
    );
  }, deadlineMs);
  const callerSignal = options.signal;
  const signal = callerSignal ? AbortSignal.any([callerSignal, limit.signal]) : limit.signal;
  const run = new MutationRun(operation, unknownMeans, signal, Date.now() + deadlineMs);
  const key = scope.serialize ? scope.scope : `${scope.scope}/${String(input.name)}`;
  try {
    return await scope.lock.run(key, () => body(run, options), signal);
  } catch (error) {
    // A caller who gave up gets their own reason, even where a step took the abort for a failed lookup.
    if (callerSignal?.aborted) throw callerSignal.reason;
    const where = run.mayHaveApplied ? "after sending" : "before sending";
    throw run.fail(error, where, run.mayHaveApplied ? "unknown" : "not-applied");
  } finally {
    clearTimeout(timer);
  }
}
