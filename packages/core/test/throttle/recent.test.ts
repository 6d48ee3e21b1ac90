import { describe, expect, it } from "vitest";
import { appendRecent } from "../../src/transport/recent.ts";

describe("appendRecent (the throttle's answer and start times)", () => {
  it("keeps at least the latest `keep` entries, in order, and never twice as many", () => {
    const list: number[] = [];
    for (let value = 1; value <= 1_000; value++) {
      appendRecent(list, value, 10);
      expect(list.length).toBeLessThan(20);
      expect(list.slice(-Math.min(value, 10))).toEqual(
        Array.from({ length: Math.min(value, 10) }, (_, i) => value - Math.min(value, 10) + 1 + i),
      );
      expect(list).toEqual([...list].sort((a, b) => a - b));
    }
  });
});
