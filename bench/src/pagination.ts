// Listing every user of a large Cloud66 server group: 10,000 users are 334 pages of 30, and Cloud66
// answers each page after a network round trip. The first page says how many pages there are, so the
// adapter may ask for the rest a few at a time (`pageConcurrency`); this measures whether that pays,
// against the simulator with the same latency added to every page (its `delayMs` fault).
import { createCloud66Users } from "@dbusers/client-cloud66";
import { DEFAULT_TOKEN, startSimulator } from "@dbusers/simulator";
import { median } from "./stats.ts";

export interface PaginationOptions {
  users: number;
  /** Latency added to every page's answer, in ms. */
  latencyMs: number;
  /** The page concurrencies to compare; 1 (one page after another) is always measured. */
  concurrencies: number[];
  /** Runs per concurrency; the median counts. */
  rounds: number;
}

export interface PaginationFigures {
  users: number;
  pages: number;
  latencyMs: number;
  /** Median time to list every user, in ms, by page concurrency. */
  medianMs: Record<number, number>;
  /** One page after another / the adapter's default (4 pages at a time). */
  speedup: number;
}

const DEFAULT_PAGE_CONCURRENCY = 4;
const PAGE_SIZE = 30;

export async function measurePagination(options: PaginationOptions): Promise<PaginationFigures> {
  const { users, latencyMs, rounds } = options;
  const concurrencies = [...new Set([1, DEFAULT_PAGE_CONCURRENCY, ...options.concurrencies])];
  const pages = Math.ceil(users / PAGE_SIZE);
  // Cloud66's 3,000 requests an hour would throttle the repeated runs.
  const sim = await startSimulator({ logger: false, rateLimit: { limit: 1_000_000, windowMs: 3_600_000 } });
  try {
    const stack = sim.cloud66.addStack({
      serverGroups: [{ users: Array.from({ length: users }, (_, i) => ({ username: `user_${i + 1}` })) }],
    });
    const listAll = async (pageConcurrency: number, latency: number): Promise<number> => {
      const adapter = createCloud66Users({
        token: DEFAULT_TOKEN,
        stackId: stack.uid,
        serverGroupId: stack.serverGroups[0]?.id ?? 0,
        baseUrl: sim.urls.cloud66,
        pageConcurrency,
        // The simulator's window is not Cloud66's: only the latency per page is measured.
        throttle: { windows: [] },
      });
      if (latency > 0) {
        sim.failNext({
          vendor: "cloud66",
          operationId: "database_users_list",
          delayMs: latency,
          count: pages,
        });
      }
      const started = performance.now();
      const listed = await adapter.list();
      const elapsed = performance.now() - started;
      if (listed.length !== users) throw new Error(`listed ${listed.length} users, expected ${users}`);
      return elapsed;
    };
    await listAll(DEFAULT_PAGE_CONCURRENCY, 0); // warm-up: connections, JIT
    const samples = new Map<number, number[]>(concurrencies.map((c) => [c, []]));
    for (let round = 0; round < rounds; round++) {
      // Each round runs every contender once, in turn, so drift hits all of them alike.
      for (const concurrency of concurrencies)
        samples.get(concurrency)?.push(await listAll(concurrency, latencyMs));
    }
    const medianMs = Object.fromEntries([...samples].map(([c, values]) => [c, Math.round(median(values))]));
    const sequential = medianMs[1] ?? Number.NaN;
    const concurrent = medianMs[DEFAULT_PAGE_CONCURRENCY] ?? Number.NaN;
    return { users, pages, latencyMs, medianMs, speedup: Math.round((sequential / concurrent) * 100) / 100 };
  } finally {
    await sim.close();
  }
}
