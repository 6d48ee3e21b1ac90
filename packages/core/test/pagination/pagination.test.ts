import { describe, expect, it, vi } from "vitest";
import { collect, type Page, paginate } from "../../src/adapter.ts";

function pages<T>(...list: Array<Page<T, number>>): (cursor: number | undefined) => Promise<Page<T, number>> {
  return async (cursor) => {
    const page = list[cursor ?? 0];
    if (!page) throw new Error(`no page ${cursor}`);
    return page;
  };
}

describe("paginate", () => {
  it("yields every item of every page, in order", async () => {
    const fetchPage = vi.fn(pages({ items: [1, 2], next: 1 }, { items: [3], next: 2 }, { items: [4, 5] }));
    expect(await collect(paginate(fetchPage))).toEqual([1, 2, 3, 4, 5]);
    expect(fetchPage.mock.calls.map(([cursor]) => cursor)).toEqual([undefined, 1, 2]);
  });

  it("fetches lazily: stopping early fetches no further page", async () => {
    const fetchPage = vi.fn(pages({ items: [1, 2], next: 1 }, { items: [3], next: 2 }, { items: [4] }));
    for await (const item of paginate(fetchPage)) {
      if (item === 2) break;
    }
    expect(fetchPage).toHaveBeenCalledTimes(1);
  });

  it("stops when next is null", async () => {
    const fetchPage = vi.fn(pages<number>({ items: [1], next: null }, { items: [2] }));
    expect(await collect(paginate(fetchPage))).toEqual([1]);
    expect(fetchPage).toHaveBeenCalledTimes(1);
  });

  it("stops on a cursor it already followed instead of looping forever", async () => {
    const fetchPage = vi.fn(async (cursor: string | undefined) => ({
      items: [cursor ?? "start"],
      next: "/users?page=2",
    }));
    expect(await collect(paginate(fetchPage))).toEqual(["start", "/users?page=2"]);
    expect(fetchPage).toHaveBeenCalledTimes(2);
  });

  it("stops on a cursor seen earlier, not only the previous one", async () => {
    const fetchPage = vi.fn(
      pages({ items: ["a"], next: 1 }, { items: ["b"], next: 2 }, { items: ["c"], next: 1 }),
    );
    expect(await collect(paginate(fetchPage))).toEqual(["a", "b", "c"]);
    expect(fetchPage).toHaveBeenCalledTimes(3);
  });

  it("stops on an empty page even if it names a next page", async () => {
    const fetchPage = vi.fn(pages<number>({ items: [1], next: 1 }, { items: [], next: 2 }, { items: [3] }));
    expect(await collect(paginate(fetchPage))).toEqual([1]);
    expect(fetchPage).toHaveBeenCalledTimes(2);
  });

  it("yields nothing for an empty first page", async () => {
    expect(await collect(paginate(pages<number>({ items: [] })))).toEqual([]);
  });

  it("stops before the next page once the signal is aborted", async () => {
    const controller = new AbortController();
    const reason = new Error("enough");
    const fetchPage = vi.fn(pages({ items: [1], next: 1 }, { items: [2] }));
    const seen: number[] = [];
    const walk = (async () => {
      for await (const item of paginate(fetchPage, controller.signal)) {
        seen.push(item);
        controller.abort(reason);
      }
    })();
    await expect(walk).rejects.toBe(reason);
    expect(seen).toEqual([1]);
    expect(fetchPage).toHaveBeenCalledTimes(1);
  });

  it("propagates a page's error", async () => {
    const failure = new Error("page 2 failed");
    const fetchPage = vi.fn(async (cursor: number | undefined) => {
      if (cursor === 1) throw failure;
      return { items: [1], next: 1 };
    });
    await expect(collect(paginate(fetchPage))).rejects.toBe(failure);
  });
});

describe("collect", () => {
  it("gathers any async iterable", async () => {
    async function* three() {
      yield "a";
      yield "b";
      yield "c";
    }
    expect(await collect(three())).toEqual(["a", "b", "c"]);
  });
});
