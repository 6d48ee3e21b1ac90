// JSON.parse takes any nesting, but whatever walks a parsed body recursively (redaction, a logger's
// JSON.stringify, a caller's deep copy) overflows the stack on a body nested a few thousand levels
// deep, which costs a server a few kilobytes to send. The vendors' bodies nest a handful of levels.

/** Levels of arrays and objects a body may nest; a 2xx nested deeper is an `InvalidResponseError`. */
export const MAX_BODY_DEPTH = 64;

/** Whether `value` (parsed JSON) nests arrays and objects more than `levels` deep. Recurses `levels` at most. */
export function nestsDeeperThan(value: unknown, levels: number): boolean {
  if (typeof value !== "object" || value === null) return false;
  if (levels === 0) return true;
  if (Array.isArray(value)) {
    for (const item of value) if (nestsDeeperThan(item, levels - 1)) return true;
    return false;
  }
  for (const key in value) {
    if (nestsDeeperThan((value as Record<string, unknown>)[key], levels - 1)) return true;
  }
  return false;
}
