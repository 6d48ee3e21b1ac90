import { describe, expect, it } from "vitest";
import { type DeleteSteps, deleteUser, resetUntilKnown } from "../../src/adapter.ts";
import { type DatabaseUser, type DatabaseUsersError, NotFoundError, TimeoutError } from "../../src/index.ts";
import { lostAnswer, mutationsOf, notFound, provider, refusal, user } from "./steps.ts";

async function failure(promise: Promise<unknown>): Promise<DatabaseUsersError> {
  return promise.then(
    () => expect.fail("expected a failure"),
    (error: DatabaseUsersError) => error,
  );
}

const remove = (steps: DeleteSteps<DatabaseUser>) =>
  mutationsOf().run("delete", "app", {}, (run) => deleteUser(provider, run, "app", steps));

describe("deleteUser", () => {
  it("by id: finds the user, then deletes its id", async () => {
    const sent: unknown[] = [];
    await remove({
      immutableId: true,
      find: async () => user("app", { id: "dbu_1" }),
      send: async (target) => {
        sent.push((target as DatabaseUser).id);
      },
    });
    expect(sent).toEqual(["dbu_1"]);
  });

  it("by id: a missing user is a NotFoundError with status 404, not applied, nothing sent", async () => {
    const sent: unknown[] = [];
    const error = await failure(
      remove({ immutableId: true, find: async () => undefined, send: async (t) => void sent.push(t) }),
    );
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ status: 404, outcome: "not-applied", operation: "delete" });
    expect(sent).toEqual([]);
  });

  it("a lost answer after the user went: success, not sent again", async () => {
    let stored: DatabaseUser | undefined = user("app", { id: "dbu_1" });
    let sends = 0;
    await remove({
      immutableId: true,
      find: async () => stored,
      send: async () => {
        sends++;
        stored = undefined;
        throw lostAnswer();
      },
    });
    expect(sends).toBe(1);
  });

  it("a lost answer, and the name now belongs to a user made since: that user is left alone", async () => {
    let stored: DatabaseUser | undefined = user("app", { id: "dbu_1" });
    const sent: string[] = [];
    await remove({
      immutableId: true,
      find: async () => stored,
      send: async (target) => {
        sent.push((target as DatabaseUser).id);
        stored = user("app", { id: "dbu_2" }); // deleted, and made again by someone else
        throw lostAnswer();
      },
    });
    expect(sent).toEqual(["dbu_1"]);
    expect(stored?.id).toBe("dbu_2");
  });

  it("a lost answer and the same user still there: sent again; a 404 then is success", async () => {
    const stored = user("app");
    const answers = [lostAnswer, notFound];
    let sends = 0;
    await remove({
      immutableId: false,
      find: async () => stored,
      send: async () => {
        sends++;
        throw (answers.shift() as () => Error)();
      },
    });
    expect(sends).toBe(2);
  });

  it("lost answers every time: sent three times at most, then unknown", async () => {
    let sends = 0;
    const error = await failure(
      remove({
        immutableId: false,
        find: async () => user("app"),
        send: async () => {
          sends++;
          throw lostAnswer();
        },
      }),
    );
    expect(sends).toBe(3);
    expect(error).toMatchObject({ outcome: "unknown", operation: "delete" });
    expect(error.message).toMatch(/the user may have been deleted/);
  });

  it("a refusal is passed on, not applied", async () => {
    const error = await failure(
      remove({
        immutableId: false,
        find: async () => user("app"),
        send: async () => {
          throw refusal("primary user");
        },
      }),
    );
    expect(error).toMatchObject({ code: "validation_error", outcome: "not-applied" });
  });
});

const reset = (send: () => Promise<string>, deadlineMs?: number) =>
  mutationsOf().run("resetPassword", "app", { deadlineMs }, (run) => resetUntilKnown(run, send));

describe("resetUntilKnown", () => {
  it("sends again after a lost answer, until an answer hands over the password", async () => {
    const answers: Array<() => string> = [
      () => {
        throw lostAnswer();
      },
      () => "new-password",
    ];
    let sends = 0;
    const send = async () => {
      sends++;
      return (answers.shift() as () => string)();
    };
    expect(await reset(send)).toBe("new-password");
    expect(sends).toBe(2);
  });

  it("gives up after three lost answers, saying the old password may no longer work", async () => {
    let sends = 0;
    const error = await failure(
      reset(async () => {
        sends++;
        throw lostAnswer();
      }),
    );
    expect(sends).toBe(3);
    expect(error).toMatchObject({ outcome: "unknown", operation: "resetPassword", step: "reset request" });
    expect(error.message).toMatch(/the old one may no longer work/);
  });

  it("a refusal is not sent again", async () => {
    let sends = 0;
    const error = await failure(
      reset(async () => {
        sends++;
        throw refusal();
      }),
    );
    expect(sends).toBe(1);
    expect(error).toMatchObject({ outcome: "not-applied" });
  });
});

describe("mutations().run", () => {
  it("ends a mutation at its deadline with a TimeoutError, whatever its steps wait for", async () => {
    const error = await failure(
      mutationsOf().run("create", "app", { deadlineMs: 20 }, (run) =>
        run.send(
          "create request",
          (call) =>
            new Promise((_, reject) =>
              call.signal.addEventListener("abort", () => reject(call.signal.reason)),
            ),
        ),
      ),
    );
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ outcome: "unknown", operation: "create" });
  });

  it("throws the caller's own abort reason, unmarked", async () => {
    const reason = new Error("caller gave up");
    const controller = new AbortController();
    const pending = mutationsOf().run("delete", "app", { signal: controller.signal }, (run) =>
      run.send(
        "delete request",
        (call) =>
          new Promise((_, reject) => call.signal.addEventListener("abort", () => reject(call.signal.reason))),
      ),
    );
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
    expect(Object.hasOwn(reason, "outcome")).toBe(false);
  });

  it("marks a refusal raised before sending as not applied", async () => {
    const error = await failure(
      mutationsOf().run("create", "app", {}, async () => {
        throw refusal();
      }),
    );
    expect(error).toMatchObject({ outcome: "not-applied", step: "before sending" });
  });

  it("gives each call the time left of its deadline", async () => {
    let given = 0;
    await mutationsOf(5_000).run("create", "app", undefined, (run) =>
      run.send("create request", async (call) => {
        given = call.deadlineMs;
      }),
    );
    expect(given).toBeGreaterThan(0);
    expect(given).toBeLessThanOrEqual(5_000);
  });
});
