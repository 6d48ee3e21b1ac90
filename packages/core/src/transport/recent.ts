/**
 * Appends `value` to `list`, which keeps at least its latest `keep` entries (`keep` > 0). Older ones are
 * dropped in batches, once the list has doubled: an append then costs O(1) on average, where dropping
 * one per append (`shift`) moves the whole list every time.
 */
export function appendRecent<T>(list: T[], value: T, keep: number): void {
  list.push(value);
  if (list.length >= 2 * keep) list.splice(0, list.length - keep);
}
