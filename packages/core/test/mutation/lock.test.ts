import { describe, expect, it } from "vitest";
import { createLocalNameLock } from "../../src/index.ts";

/** A task that records its start and end and finishes when told to. */
function task(log: string[], name: string) {
  let finish = (): void => {};
  const finished = new Promise<void>((resolve) => {
    finish = resolve;
  });
  return {
    finish,
    run: async () => {
      log.push(`${name} start`);
      await finished;
      log.push(`${name} end`);
      return name;
    },
  };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe("createLocalNameLock", () => {
  it("runs the holders of one key one at a time, in the order they asked", async () => {
    const lock = createLocalNameLock();
    const log: string[] = [];
    const [a, b, c] = [task(log, "a"), task(log, "b"), task(log, "c")];
    const results = [lock.run("app", a.run), lock.run("app", b.run), lock.run("app", c.run)];
    await turn();
    expect(log).toEqual(["a start"]);
    a.finish();
    await turn();
    expect(log).toEqual(["a start", "a end", "b start"]);
    b.finish();
    c.finish();
    expect(await Promise.all(results)).toEqual(["a", "b", "c"]);
    expect(log).toEqual(["a start", "a end", "b start", "b end", "c start", "c end"]);
  });

  it("lets different keys run at once", async () => {
    const lock = createLocalNameLock();
    const log: string[] = [];
    const [a, b] = [task(log, "a"), task(log, "b")];
    const results = [lock.run("app", a.run), lock.run("reporting", b.run)];
    await turn();
    expect(log).toEqual(["a start", "b start"]);
    a.finish();
    b.finish();
    await Promise.all(results);
  });

  it("hands the key on after a holder fails", async () => {
    const lock = createLocalNameLock();
    const failing = lock.run("app", async () => {
      throw new Error("boom");
    });
    await expect(failing).rejects.toThrow("boom");
    await expect(lock.run("app", async () => "next")).resolves.toBe("next");
  });

  it("a waiter that aborts leaves with its reason, never runs, and keeps the order of those behind it", async () => {
    const lock = createLocalNameLock();
    const log: string[] = [];
    const [a, c] = [task(log, "a"), task(log, "c")];
    const controller = new AbortController();
    const first = lock.run("app", a.run);
    let ranB = false;
    const second = lock.run(
      "app",
      async () => {
        ranB = true;
      },
      controller.signal,
    );
    const third = lock.run("app", c.run);
    controller.abort(new Error("gave up"));
    await expect(second).rejects.toThrow("gave up");
    await turn();
    // The third still waits for the first: the second's leaving did not let it jump the queue.
    expect(log).toEqual(["a start"]);
    a.finish();
    c.finish();
    await Promise.all([first, third]);
    expect(ranB).toBe(false);
    expect(log).toEqual(["a start", "a end", "c start", "c end"]);
  });

  it("refuses at once with an already aborted signal", async () => {
    const lock = createLocalNameLock();
    const reason = new Error("already");
    await expect(lock.run("app", async () => "x", AbortSignal.abort(reason))).rejects.toBe(reason);
  });
});
