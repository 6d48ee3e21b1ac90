import type { SimulatorLogger } from "../framework/types.ts";
import { OperationQueue } from "./operation-queue.ts";
import type { ClusterOptions, DatabaseEngine, DatabaseServers, RealCluster } from "./types.ts";

interface Entry {
  engine: DatabaseEngine;
  queue: OperationQueue;
  /** Set by the queue's first operation, unless the server refused to create the cluster. */
  cluster: RealCluster | undefined;
}

/**
 * What a vendor module gets as `init.databases`: the real clusters behind its simulated ones, by the
 * vendor's own key (a cluster id, a database id, …). Each key's operations run in the order asked for,
 * so a synchronous control handle can start one (`later`) and the next request handler (`run`) sees
 * its result. Without servers (the default) `add` answers `false` and the vendor stays in memory.
 */
export class RealClusters {
  readonly #servers: DatabaseServers;
  readonly #logger: SimulatorLogger;
  readonly #entries = new Map<string, Entry>();
  /** Drops still running, awaited by `close`. */
  readonly #dropping = new Set<Promise<void>>();

  constructor(servers: DatabaseServers | undefined, logger: SimulatorLogger) {
    this.#servers = servers ?? {};
    this.#logger = logger;
  }

  /** Whether clusters of `engine` get a real server (else they stay in memory). */
  serves(engine: DatabaseEngine): boolean {
    return this.#servers[engine] !== undefined;
  }

  /**
   * Creates `key`'s cluster on `engine`'s server with its first database, then runs `setup` on it (e.g.
   * its seeded users), without waiting. `false` (and nothing done) when `engine` has no server.
   */
  add(
    key: string,
    engine: DatabaseEngine,
    options: ClusterOptions,
    setup?: (cluster: RealCluster) => Promise<void>,
  ): boolean {
    const server = this.#servers[engine];
    if (!server) return false;
    if (this.#entries.has(key)) throw new Error(`a real cluster for ${key} exists already`);
    const entry: Entry = { engine, queue: new OperationQueue(), cluster: undefined };
    this.#entries.set(key, entry);
    this.#later(entry, key, async () => {
      entry.cluster = await server.createCluster(options);
    });
    if (setup) this.later(key, setup);
    return true;
  }

  /** Whether `key` has a real cluster. */
  has(key: string): boolean {
    return this.#entries.has(key);
  }

  /** Runs `operation` on `key`'s cluster after every earlier one; its result or error is the caller's. */
  run<T>(key: string, operation: (cluster: RealCluster) => Promise<T>): Promise<T> {
    const entry = this.#entry(key);
    return entry.queue.run(() => operation(created(entry, key)));
  }

  /**
   * Like `run`, for a caller that cannot wait: a failure is logged, after `undo` (when given) takes back
   * what the caller already recorded for it.
   */
  later(key: string, operation: (cluster: RealCluster) => Promise<void>, undo?: () => void): void {
    const entry = this.#entry(key);
    this.#later(entry, key, async () => {
      try {
        await operation(created(entry, key));
      } catch (error) {
        undo?.();
        throw error;
      }
    });
  }

  /** Settles once every operation asked for so far on `key`'s cluster has finished (at once without one). */
  async idle(key: string): Promise<void> {
    await this.#entries.get(key)?.queue.idle();
  }

  /** Drops `key`'s databases and users once its pending operations are done; `close` waits for it. */
  remove(key: string): void {
    const entry = this.#entries.get(key);
    if (!entry) return;
    this.#entries.delete(key);
    this.#later(entry, key, () => created(entry, key).drop());
    const dropped = entry.queue.idle();
    this.#dropping.add(dropped);
    void dropped.then(() => this.#dropping.delete(dropped));
  }

  /** Removes every cluster (`sim.reset()`, `clear()`). */
  clear(): void {
    for (const key of [...this.#entries.keys()]) this.remove(key);
  }

  /** Settles once every operation asked for so far, drops included, has finished. */
  async settled(): Promise<void> {
    await Promise.all([...this.#dropping, ...[...this.#entries.values()].map((entry) => entry.queue.idle())]);
  }

  /**
   * Removes every cluster and waits until the servers are clean. On the servers of `discarded` engines
   * (the embedded PostgreSQL, whose folder is deleted next) nothing is dropped, only the operations
   * under way are waited for: the drops would be wasted, and fail if the server is already stopping.
   */
  async close(discarded: ReadonlySet<DatabaseEngine> = new Set()): Promise<void> {
    for (const [key, entry] of [...this.#entries]) {
      if (!discarded.has(entry.engine)) this.remove(key);
    }
    await this.settled();
  }

  #entry(key: string): Entry {
    const entry = this.#entries.get(key);
    if (!entry) throw new Error(`no real cluster for ${key}`);
    return entry;
  }

  #later(entry: Entry, key: string, operation: () => Promise<void>): void {
    entry.queue.later(operation, (error) => {
      // DatabaseBackendError messages hold no password.
      this.#logger.error(
        `real database of ${key}: ${error instanceof Error ? error.message : String(error)}`,
      );
    });
  }
}

/** The cluster, for an operation that runs after its creation (which the log explains if it failed). */
function created(entry: Entry, key: string): RealCluster {
  if (!entry.cluster) throw new Error(`the real database of ${key} could not be created (see the log)`);
  return entry.cluster;
}
