// "Declared fields only": a declaration matches what the vendor reports when every key it gives has the
// same value there. Keys the vendor adds (ids, defaults such as pg_allow_replication: false) are not
// differences, so a plan made right after apply() is empty.

/** Whether `actual` holds everything `desired` says, recursively; arrays match element by element. */
export function matchesDeclared(desired: unknown, actual: unknown): boolean {
  if (Array.isArray(desired)) {
    return (
      Array.isArray(actual) &&
      actual.length === desired.length &&
      desired.every((item, i) => matchesDeclared(item, actual[i]))
    );
  }
  if (typeof desired === "object" && desired !== null) {
    if (typeof actual !== "object" || actual === null || Array.isArray(actual)) return false;
    const record = actual as Record<string, unknown>;
    return Object.entries(desired).every(
      ([key, value]) => value === undefined || matchesDeclared(value, record[key]),
    );
  }
  return Object.is(desired, actual);
}

/** Two lists hold the same items, whatever their order (databases). */
export function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const set = new Set(a);
  return set.size === new Set(b).size && b.every((item) => set.has(item));
}
