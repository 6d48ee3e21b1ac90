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

/** Every item of an async iterable, in order. */
export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) {
    items.push(item);
  }
  return items;
}
