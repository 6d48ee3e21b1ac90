import { InvalidResponseError } from "./errors.ts";
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
  /** How many items the whole list has, as this page reports it; the first page's bounds the walk. */
  total?: number;
}

export interface NumberedPaginationOptions<T> {
  /** The vendor, named by the `InvalidResponseError` of a list that passes its bounds. */
  provider: string;
  /** What identifies an item: one already yielded by an earlier page is not yielded again. */
  key: (item: T) => unknown;
  /**
   * How many pages may be requested at once after the first one (which says how many there are).
   * Default 1: one after another.
   */
  concurrency?: number;
  signal?: AbortSignal;
  /** The most pages one walk reads, whatever the pages announce. Default `MAX_PAGES`. */
  maxPages?: number;
}

/** Pages a walk may read beyond what twice the first page's total needs: room for a list growing. */
const GROWTH_PAGES = 10;

/** Pages one walk reads at most by default: 1,000 pages of 30 are 30,000 users, far past any real list. */
export const MAX_PAGES = 1_000;

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
 *
 * What a server says is bounded: the walk reads at most as many pages as the first page's `total`
 * needs for twice its size, plus ten pages (a list that grows while it is walked: a load test's
 * concurrent creates grew one by half again), and `maxPages` whatever; a page count past
 * that is an `InvalidResponseError` before any further page is asked for. An item seen before is not
 * yielded again, and a page with no new item ends the walk (a server repeating a page).
 */
export async function* paginateNumbered<T>(
  fetchPage: (page: number, signal: AbortSignal | undefined) => Promise<NumberedPage<T>>,
  options: NumberedPaginationOptions<T>,
): AsyncIterable<T> {
  const { signal, provider, key } = options;
  const concurrency = options.concurrency ?? 1;
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new RangeError(`concurrency must be a positive integer, got ${concurrency}`);
  }
  signal?.throwIfAborted();
  const first = await fetchPage(1, signal);
  const seen = new Set<unknown>();
  yield* fresh(first.items, key, seen);
  if (first.items.length === 0) return;

  const maxPages = pageBound(first, options.maxPages ?? MAX_PAGES);
  let pageCount = checkedPageCount(first.pageCount, maxPages, provider);
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
      const items = fresh(page.items, key, seen);
      if (items.length === 0) return;
      pageCount = checkedPageCount(page.pageCount, maxPages, provider);
      // The window moves on while the loop reads this page.
      fillWindow();
      yield* items;
    }
  } finally {
    stop.abort();
  }
}

/** The items of a page not seen before, now marked seen. */
function fresh<T>(items: T[], key: (item: T) => unknown, seen: Set<unknown>): T[] {
  const unseen = items.filter((item) => {
    const id = key(item);
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
  return unseen;
}

/** The most pages the walk may read: what twice the first page's total needs, ten more, `maxPages` at most. */
function pageBound(first: NumberedPage<unknown>, maxPages: number): number {
  const { total } = first;
  if (!Number.isSafeInteger(total) || (total as number) < 0) return maxPages;
  const needed = Math.ceil((2 * (total as number)) / first.items.length) + GROWTH_PAGES;
  return Math.min(maxPages, needed);
}

function checkedPageCount(pageCount: number, maxPages: number, provider: string): number {
  if (pageCount <= maxPages) return pageCount;
  throw new InvalidResponseError(
    `${provider}: the list announces ${pageCount} pages, more than the ${maxPages} its size allows ` +
      "(the first page's total, or the most a walk reads)",
    { provider },
  );
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
