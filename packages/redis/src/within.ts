import { SharedStoreUnavailableError } from "@dbusers/core";

/**
 * A Redis command's answer, or `SharedStoreUnavailableError` when Redis fails or takes longer than `ms`
 * (a client that queues commands while disconnected would otherwise hold the caller until it reconnects).
 */
export function storeAnswer<T>(command: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    // An answer that came while the event loop was busy is read first: in a turn of the loop timers
    // run before sockets are read, so the timeout waits one more turn.
    const timer = setTimeout(
      () =>
        setTimeout(() => reject(new SharedStoreUnavailableError(`Redis did not answer within ${ms} ms`)), 0),
      ms,
    );
    command.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        const message = error instanceof Error ? error.message : String(error);
        reject(new SharedStoreUnavailableError(`Redis failed: ${message}`, { cause: error }));
      },
    );
  });
}
