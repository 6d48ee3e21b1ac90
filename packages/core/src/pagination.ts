import { requireOperationOptions } from "./operation-options.ts";
import type { OperationOptions } from "./types.ts";

/** One page as an adapter fetched it; `next` is absent (or null) on the last page. */
export interface Page<T, C> {
  items: T[];
  next?: C | null;
}

/**
 * Walks every page lazily: the next page is fetched only when the loop asks for more items.
 * The first call gets `undefined` as its cursor. It stops at the end, on an empty page, and on a
 * cursor it has already followed, so a server that keeps sending the same `next` link cannot trap
 * the caller in an endless loop.
 */
export async function* paginate<T, C extends string | number>(
  fetchPage: (cursor: C | undefined) => Promise<Page<T, C>>,
  signal?: AbortSignal,
): AsyncIterable<T> {
  const followed = new Set<C>();
  let cursor: C | undefined;
  while (true) {
    signal?.throwIfAborted();
    const page = await fetchPage(cursor);
    yield* page.items;
    const next = page.next;
    if (next === undefined || next === null || page.items.length === 0 || followed.has(next)) {
      return;
    }
    followed.add(next);
    cursor = next;
  }
}

/** One page of a list whose pages are numbered from 1 and each say how many pages there are. */
export interface NumberedPage<T> {
  items: T[];
  /** How many pages the list has, as this page reports it. */
  pageCount: number;
}

export interface NumberedPaginationOptions {
  /**
   * How many pages may be requested at once after the first one (which says how many there are).
   * Default 1: one after another.
   */
  concurrency?: number;
  signal?: AbortSignal;
}

/**
 * Walks a list of numbered pages (`?page=1`, `?page=2`, …) lazily, in order. Page 1 comes first; once
 * the loop asks for more than its items, pages 2 to the last are fetched with up to `concurrency`
 * requests in flight, and never more than `concurrency` pages ahead of the loop. Items are yielded in
 * page order whatever order the pages arrive in.
 *
 * The page count is read again from every page, so a list that grows or shrinks meanwhile is followed:
 * the walk ends after the last page the latest page announces, or at the first empty page. When the
 * loop stops early (`break`, an error, the caller's abort), the requests still in flight are aborted
 * through the signal `fetchPage` receives.
 */
export async function* paginateNumbered<T>(
  fetchPage: (page: number, signal: AbortSignal | undefined) => Promise<NumberedPage<T>>,
  options: NumberedPaginationOptions = {},
): AsyncIterable<T> {
  const { signal } = options;
  const concurrency = options.concurrency ?? 1;
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new RangeError(`concurrency must be a positive integer, got ${concurrency}`);
  }
  signal?.throwIfAborted();
  const first = await fetchPage(1, signal);
  yield* first.items;
  if (first.items.length === 0) return;

  let pageCount = first.pageCount;
  let nextPage = 2;
  const ahead: Array<Promise<NumberedPage<T>>> = [];
  const stop = new AbortController();
  const pageSignal = signal ? AbortSignal.any([signal, stop.signal]) : stop.signal;
  const fillWindow = (): void => {
    while (ahead.length < concurrency && nextPage <= pageCount) {
      const pending = fetchPage(nextPage++, pageSignal);
      // Awaited in turn below, or abandoned (and aborted) when the loop stops first.
      pending.catch(() => {});
      ahead.push(pending);
    }
  };
  try {
    while (true) {
      signal?.throwIfAborted();
      fillWindow();
      const pending = ahead.shift();
      if (pending === undefined) return;
      const page = await pending;
      if (page.items.length === 0) return;
      pageCount = page.pageCount;
      // The window moves on while the loop reads this page.
      fillWindow();
      yield* page.items;
    }
  } finally {
    stop.abort();
  }
}

/**
 * `list()` and `iterate()` of a vendor whose list holds every user in one answer (no pagination): `list()`
 * returns that answer as it is, without an iterator in between (it runs for every listing); `iterate()`
 * yields the same users one by one, and reads nothing before it is first asked for one.
 */
export function oneAnswerListing<T>(
  provider: string,
  read: (signal: AbortSignal | undefined) => Promise<T[]>,
): {
  list(options?: OperationOptions): Promise<T[]>;
  iterate(options?: OperationOptions): AsyncIterable<T>;
} {
  return {
    // Not an async function: list() runs for every listing, and wrapping `read`'s promise in another
    // costs each call ticks. `read` is async, so only the options check can throw here.
    list: (options) => {
      try {
        return read(requireOperationOptions(options, provider).signal);
      } catch (error) {
        return Promise.reject(error);
      }
    },
    iterate: (options) => {
      const { signal } = requireOperationOptions(options, provider);
      return paginate<T, number>(async () => ({ items: await read(signal) }), signal);
    },
  };
}

/** Every item of an async iterable, in order. */
export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) {
    items.push(item);
  }
  return items;
}
