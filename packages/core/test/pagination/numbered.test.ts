import { describe, expect, it, vi } from "vitest";
import { collect, type NumberedPage, paginateNumbered } from "../../src/adapter.ts";
import { InvalidResponseError } from "../../src/index.ts";

/** The options every walk here needs: items are their own identity. */
const byItem = { provider: "test", key: (item: string) => item };

const PER_PAGE = 30;

/** A server-side list of `total` numbered items, served 30 a page with the page count on every page. */
function numberedList(total: number) {
  const items = Array.from({ length: total }, (_, i) => `user-${i + 1}`);
  return {
    items,
    page: (page: number): NumberedPage<string> => ({
      items: items.slice((page - 1) * PER_PAGE, page * PER_PAGE),
      pageCount: Math.ceil(items.length / PER_PAGE),
    }),
  };
}

/** A page fetcher whose answers the test releases one by one, in any order. */
function controlledPages(list: ReturnType<typeof numberedList>) {
  const waiting = new Map<number, () => void>();
  const signals = new Map<number, AbortSignal | undefined>();
  const fetchPage = vi.fn(
    (page: number, signal: AbortSignal | undefined) =>
      new Promise<NumberedPage<string>>((resolve, reject) => {
        signals.set(page, signal);
        signal?.addEventListener("abort", () => reject(signal.reason));
        waiting.set(page, () => resolve(list.page(page)));
      }),
  );
  const release = (page: number) => {
    waiting.get(page)?.();
    waiting.delete(page);
  };
  return { fetchPage, release, waiting, signals };
}

/**
 * A page fetcher over `list` that counts the requests in flight; page `n` answers after
 * `delayMs(n)` ms, so later pages can be made to arrive first.
 */
function countedPages(list: ReturnType<typeof numberedList>, delayMs: (page: number) => number) {
  const counts = { inFlight: 0, mostInFlight: 0 };
  const fetchPage = vi.fn(async (page: number) => {
    counts.inFlight += 1;
    counts.mostInFlight = Math.max(counts.mostInFlight, counts.inFlight);
    await new Promise((resolve) => setTimeout(resolve, delayMs(page)));
    counts.inFlight -= 1;
    return list.page(page);
  });
  return { fetchPage, counts };
}

describe("paginateNumbered", () => {
  it("lists 10,000 items over 334 pages once each, in order, with pages fetched four at a time", async () => {
    const list = numberedList(10_000);
    // Later pages answer first: the order must come from the page numbers, not the arrivals.
    const { fetchPage, counts } = countedPages(list, (page) => (4 - (page % 4)) * 2);
    const listed = await collect(paginateNumbered(fetchPage, { ...byItem, concurrency: 4 }));
    expect(listed).toHaveLength(10_000);
    expect(listed).toEqual(list.items);
    expect(new Set(listed).size).toBe(10_000);
    expect(fetchPage).toHaveBeenCalledTimes(334);
    expect(fetchPage.mock.calls.map(([page]) => page)).toEqual(Array.from({ length: 334 }, (_, i) => i + 1));
    expect(counts.mostInFlight).toBe(4);
  });

  it("with the default concurrency, fetches one page after another", async () => {
    const list = numberedList(95);
    const { fetchPage, counts } = countedPages(list, () => 0);
    expect(await collect(paginateNumbered(fetchPage, byItem))).toEqual(list.items);
    expect(fetchPage).toHaveBeenCalledTimes(4);
    expect(counts.mostInFlight).toBe(1);
  });

  it("yields page 2 as soon as it arrives, even while page 3 is still out", async () => {
    const { fetchPage, release } = controlledPages(numberedList(90));
    const iterator = paginateNumbered(fetchPage, { ...byItem, concurrency: 2 })[Symbol.asyncIterator]();
    const firstItem = iterator.next();
    release(1);
    expect((await firstItem).value).toBe("user-1");
    for (let i = 2; i <= 30; i++) expect((await iterator.next()).value).toBe(`user-${i}`);
    const thirtyFirst = iterator.next();
    await vi.waitFor(() => expect(fetchPage).toHaveBeenCalledTimes(3));
    release(2);
    expect((await thirtyFirst).value).toBe("user-31");
    await iterator.return?.();
  });

  it("is lazy: nothing past page 1 is requested while the loop reads page 1's items", async () => {
    const list = numberedList(300);
    const fetchPage = vi.fn(async (page: number) => list.page(page));
    for await (const item of paginateNumbered(fetchPage, { ...byItem, concurrency: 8 })) {
      if (item === "user-30") break;
    }
    expect(fetchPage).toHaveBeenCalledTimes(1);
  });

  it("keeps at most `concurrency` pages ahead of the loop, and aborts them when the loop stops", async () => {
    const { fetchPage, release, signals } = controlledPages(numberedList(300));
    const iterator = paginateNumbered(fetchPage, { ...byItem, concurrency: 3 })[Symbol.asyncIterator]();
    const first = iterator.next();
    release(1);
    await first;
    for (let i = 2; i <= 30; i++) await iterator.next();
    const next = iterator.next();
    await vi.waitFor(() => expect(fetchPage).toHaveBeenCalledTimes(4));
    expect(fetchPage.mock.calls.map(([page]) => page)).toEqual([1, 2, 3, 4]);
    release(2);
    await next;
    // Page 2 has arrived and is being read: pages 3, 4 and 5 are out, page 6 is not.
    expect(fetchPage.mock.calls.map(([page]) => page)).toEqual([1, 2, 3, 4, 5]);
    await iterator.return?.();
    for (const page of [3, 4, 5]) expect(signals.get(page)?.aborted, `page ${page}`).toBe(true);
    expect(fetchPage).toHaveBeenCalledTimes(5);
  });

  it("follows a list that grew: the latest page's count wins", async () => {
    const pages: Record<number, NumberedPage<string>> = {
      1: { items: ["a"], pageCount: 2 },
      2: { items: ["b"], pageCount: 3 },
      3: { items: ["c"], pageCount: 3 },
    };
    const fetchPage = vi.fn(async (page: number) => pages[page] ?? { items: [], pageCount: 3 });
    expect(await collect(paginateNumbered(fetchPage, { ...byItem, concurrency: 4 }))).toEqual([
      "a",
      "b",
      "c",
    ]);
    expect(fetchPage).toHaveBeenCalledTimes(3);
  });

  it("stops at the first empty page of a list that shrank", async () => {
    const pages: Record<number, NumberedPage<string>> = {
      1: { items: ["a"], pageCount: 4 },
      2: { items: [], pageCount: 1 },
      3: { items: ["stale"], pageCount: 4 },
    };
    const fetchPage = vi.fn(async (page: number) => pages[page] ?? { items: [], pageCount: 1 });
    expect(await collect(paginateNumbered(fetchPage, { ...byItem, concurrency: 2 }))).toEqual(["a"]);
  });

  it("yields nothing for an empty first page, and asks for no other", async () => {
    const fetchPage = vi.fn(async () => ({ items: [], pageCount: 0 }));
    expect(await collect(paginateNumbered<string>(fetchPage, { ...byItem, concurrency: 4 }))).toEqual([]);
    expect(fetchPage).toHaveBeenCalledTimes(1);
  });

  it("propagates a page's error after the items before it, and aborts the pages after it", async () => {
    const failure = new Error("page 3 failed");
    const seen: string[] = [];
    const signals: Array<AbortSignal | undefined> = [];
    const list = numberedList(150);
    const fetchPage = vi.fn(async (page: number, signal: AbortSignal | undefined) => {
      signals[page] = signal;
      if (page === 3) throw failure;
      return list.page(page);
    });
    const walk = (async () => {
      for await (const item of paginateNumbered(fetchPage, { ...byItem, concurrency: 3 })) seen.push(item);
    })();
    await expect(walk).rejects.toBe(failure);
    expect(seen).toEqual(list.items.slice(0, 60));
    expect(signals[4]?.aborted).toBe(true);
  });

  it("passes the caller's signal on, and stops after the page being read once it is aborted", async () => {
    const controller = new AbortController();
    const reason = new Error("enough");
    const list = numberedList(150);
    const fetchPage = vi.fn(async (page: number, signal: AbortSignal | undefined) => {
      signal?.throwIfAborted();
      return list.page(page);
    });
    const seen: string[] = [];
    const walk = (async () => {
      for await (const item of paginateNumbered(fetchPage, {
        ...byItem,
        signal: controller.signal,
        concurrency: 2,
      })) {
        seen.push(item);
        if (item === "user-45") controller.abort(reason);
      }
    })();
    await expect(walk).rejects.toBe(reason);
    expect(seen).toEqual(list.items.slice(0, 60));
    expect(fetchPage.mock.calls[0]?.[1]).toBe(controller.signal);
    // The pages already out when the caller aborted were asked with a signal that carries the abort.
    expect(fetchPage.mock.calls[3]?.[1]?.aborted).toBe(true);
  });

  it("reads no page past what the first page's total allows: a huge page count is refused at once", async () => {
    // 30 users, yet 43,000 pages announced (the hostile Cloud66 answer of issue 20).
    const fetchPage = vi.fn(async (page: number) => ({
      items: [`user-${page}`],
      pageCount: 43_000,
      total: 30,
    }));
    await expect(collect(paginateNumbered(fetchPage, byItem))).rejects.toThrow(InvalidResponseError);
    expect(fetchPage).toHaveBeenCalledTimes(1);
  });

  it("ends a list whose pages never stop at the absolute cap, with an InvalidResponseError", async () => {
    const fetchPage = vi.fn(async (page: number) => ({ items: [`user-${page}`], pageCount: page + 1 }));
    const error = await collect(paginateNumbered(fetchPage, { ...byItem, maxPages: 50 })).catch((e) => e);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error.message).toContain("51 pages");
    expect(fetchPage).toHaveBeenCalledTimes(50);
  });

  it("allows a list that doubled during the walk, and no more than ten pages past that", async () => {
    // The first page says 300 items (10 pages); 600 are there by the time the last pages are read.
    const grown = numberedList(600);
    const growing = vi.fn(async (page: number) => ({ ...grown.page(page), total: page === 1 ? 300 : 600 }));
    expect(await collect(paginateNumbered(growing, byItem))).toEqual(grown.items);
    // 30 pages allowed (twice 300 items, plus ten pages): a list announcing 31 is refused.
    const runaway = numberedList(930);
    const runawayPages = vi.fn(async (page: number) => ({ ...runaway.page(page), total: 300 }));
    await expect(collect(paginateNumbered(runawayPages, byItem))).rejects.toThrow(InvalidResponseError);
    expect(runawayPages).toHaveBeenCalledTimes(1);
  });

  it("never yields an item twice, and stops at a page that brings nothing new", async () => {
    // Every page is the first one again: 30 distinct users, not 30 per page requested.
    const list = numberedList(30);
    const fetchPage = vi.fn(async () => ({ ...list.page(1), pageCount: 50, total: 1_500 }));
    expect(await collect(paginateNumbered(fetchPage, byItem))).toEqual(list.items);
    expect(fetchPage).toHaveBeenCalledTimes(2);
  });

  it("yields only the new items of a page that overlaps an earlier one (offsets shifted)", async () => {
    const pages: Record<number, NumberedPage<string>> = {
      1: { items: ["a", "b"], pageCount: 2 },
      2: { items: ["b", "c"], pageCount: 2 },
    };
    const fetchPage = vi.fn(async (page: number) => pages[page] as NumberedPage<string>);
    expect(await collect(paginateNumbered(fetchPage, byItem))).toEqual(["a", "b", "c"]);
  });

  it("refuses a concurrency that is not a positive integer", async () => {
    const fetchPage = vi.fn(async () => ({ items: ["a"], pageCount: 1 }));
    for (const concurrency of [0, -1, 1.5, Number.NaN]) {
      await expect(collect(paginateNumbered(fetchPage, { ...byItem, concurrency }))).rejects.toThrow(
        RangeError,
      );
    }
    expect(fetchPage).not.toHaveBeenCalled();
  });
});
