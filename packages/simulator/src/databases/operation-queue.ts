/**
 * Runs one cluster's operations on its server one after another, in the order they were asked for: a
 * request handler that lists users runs after the user a control handle added a moment before (without
 * waiting) is really there.
 */
export class OperationQueue {
  #tail: Promise<void> = Promise.resolve();

  /** Runs `operation` once every earlier one has finished; its result or error is the caller's. */
  run<T>(operation: () => Promise<T>): Promise<T> {
    const result = this.#tail.then(operation);
    this.#tail = result.then(
      () => {},
      () => {},
    );
    return result;
  }

  /** For a caller that cannot wait (a synchronous control handle, a seed): a failure goes to `report`. */
  later(operation: () => Promise<void>, report: (error: unknown) => void): void {
    this.run(operation).catch(report);
  }

  /** Settles once every operation asked for so far has finished. */
  idle(): Promise<void> {
    return this.#tail;
  }
}
