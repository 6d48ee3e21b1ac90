import { describe, expect, it } from "vitest";
import { collect, oneAnswerListing } from "../../src/adapter.ts";
import { ValidationError } from "../../src/index.ts";

/** A vendor's list that holds every user in one answer, and the signals it was read with. */
function oneAnswer(users: string[]) {
  const reads: Array<AbortSignal | undefined> = [];
  const listing = oneAnswerListing("testvendor", async (signal) => {
    reads.push(signal);
    signal?.throwIfAborted();
    return [...users];
  });
  return { listing, reads };
}

describe("oneAnswerListing (a vendor list without pagination)", () => {
  it("list() is the one answer, read once with the caller's signal", async () => {
    const { listing, reads } = oneAnswer(["a", "b", "c"]);
    const signal = new AbortController().signal;
    expect(await listing.list({ signal })).toEqual(["a", "b", "c"]);
    expect(await listing.list()).toEqual(["a", "b", "c"]);
    expect(reads).toEqual([signal, undefined]);
  });

  it("iterate() yields the same users, and reads nothing before it is first asked for one", async () => {
    const { listing, reads } = oneAnswer(["a", "b"]);
    const users = listing.iterate();
    expect(reads).toHaveLength(0);
    expect(await collect(users)).toEqual(["a", "b"]);
    expect(reads).toHaveLength(1);
  });

  it("stops with the caller's reason when aborted", async () => {
    const { listing } = oneAnswer(["a"]);
    const controller = new AbortController();
    const reason = new Error("gave up");
    controller.abort(reason);
    await expect(listing.list({ signal: controller.signal })).rejects.toBe(reason);
    await expect(collect(listing.iterate({ signal: controller.signal }))).rejects.toBe(reason);
  });

  it("refuses options that are not options before reading anything", async () => {
    const { listing, reads } = oneAnswer(["a"]);
    const bad = [null, { signal: "x" }, { wait: "soon" }] as never[];
    for (const options of bad) {
      await expect(listing.list(options)).rejects.toBeInstanceOf(ValidationError);
      expect(() => listing.iterate(options)).toThrow(ValidationError);
    }
    expect(reads).toEqual([]);
  });
});
