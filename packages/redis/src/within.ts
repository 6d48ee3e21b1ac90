import { SharedStoreUnavailableError } from "@dbusers/core";

/**
 * A Redis command's answer, or `SharedStoreUnavailableError` when Redis fails or takes longer than `ms`
 * (a client that queues commands while disconnected would otherwise hold the caller until it reconnects).
 */
export function storeAnswer<T>(command: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new SharedStoreUnavailableError(`Redis did not answer within ${ms} ms`)),
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
