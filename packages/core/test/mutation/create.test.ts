import { describe, expect, it } from "vitest";
import { type CreateSteps, createUser } from "../../src/adapter.ts";
import {
  ConflictError,
  type DatabaseUser,
  type DatabaseUsersError,
  UnavailableError,
} from "../../src/index.ts";
import { lostAnswer, mutationsOf, provider, refusal, refused, user } from "./steps.ts";

type Result = { user: DatabaseUser; password: string };

/** A vendor of one name, whose state the steps read and change; `script` decides each create's fate. */
function vendor(options: {
  existing?: DatabaseUser;
  afterPost?: "created" | "nothing";
  failWith?: () => Error;
}) {
  let stored = options.existing;
  const log: string[] = [];
  const steps = (name: string, readOnly?: boolean): CreateSteps<DatabaseUser, Result> => ({
    name,
    readOnly,
    find: async () => {
      log.push("find");
      return stored;
    },
    send: async () => {
      log.push("send");
      if (options.afterPost === "created") stored = user(name, { readOnly: readOnly ?? false });
      if (options.failWith) throw options.failWith();
      return { user: user(name), password: "from-create" };
    },
    claim: async (found) => {
      log.push(`claim ${found.name}`);
      return { user: found, password: "from-claim" };
    },
  });
  return { steps, log };
}

const create = (steps: CreateSteps<DatabaseUser, Result>) =>
  mutationsOf().run("create", steps.name, {}, (run) => createUser(provider, run, steps));

async function failure(promise: Promise<unknown>): Promise<DatabaseUsersError> {
  return promise.then(
    () => expect.fail("expected a failure"),
    (error: DatabaseUsersError) => error,
  );
}

describe("createUser", () => {
  it("looks the name up, then sends once", async () => {
    const { steps, log } = vendor({});
    expect(await create(steps("app"))).toEqual({ user: user("app"), password: "from-create" });
    expect(log).toEqual(["find", "send"]);
  });

  it("a taken name is a ConflictError, not applied, with nothing sent", async () => {
    const { steps, log } = vendor({ existing: user("app") });
    const error = await failure(create(steps("app")));
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({
      code: "conflict",
      outcome: "not-applied",
      operation: "create",
      step: "lookup before create",
    });
    expect(log).toEqual(["find"]);
  });

  it("a vendor's refusal that says the name is taken is a ConflictError too", async () => {
    const { steps } = vendor({ failWith: () => refusal("user app already exists") });
    const error = await failure(
      create({ ...steps("app"), isNameTaken: (e) => /already exists/.test(e.message) }),
    );
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({ outcome: "not-applied" });
    expect(error.cause).toBeInstanceOf(Error);
  });

  it("another refusal is passed on, not applied", async () => {
    const { steps, log } = vendor({ failWith: () => refusal() });
    const error = await failure(create(steps("app")));
    expect(error).toMatchObject({ code: "validation_error", outcome: "not-applied", step: "create request" });
    expect(log).toEqual(["find", "send"]);
  });

  it("a request that never left is not applied, and nothing is looked for", async () => {
    const { steps, log } = vendor({ failWith: refused });
    const error = await failure(create(steps("app")));
    expect(error).toBeInstanceOf(UnavailableError);
    expect(error).toMatchObject({ outcome: "not-applied" });
    expect(log).toEqual(["find", "send"]);
  });

  it("a lost answer after the vendor created the user: this call's user is claimed", async () => {
    const { steps, log } = vendor({ afterPost: "created", failWith: lostAnswer });
    expect(await create(steps("app"))).toEqual({
      user: user("app", { readOnly: false }),
      password: "from-claim",
    });
    expect(log).toEqual(["find", "send", "find", "claim app"]);
  });

  it("a lost answer and no user found: the original error, outcome unknown, saying so", async () => {
    const { steps, log } = vendor({ afterPost: "nothing", failWith: lostAnswer });
    const error = await failure(create(steps("app")));
    expect(error).toBeInstanceOf(UnavailableError);
    expect(error).toMatchObject({
      status: 502,
      outcome: "unknown",
      operation: "create",
      step: "create request",
    });
    expect(error.message).toMatch(/the user may have been created/);
    expect(log).toEqual(["find", "send", "find"]);
  });

  it("never claims a protected user, nor one whose read-only flag differs from the one asked for", async () => {
    for (const found of [user("app", { protected: true }), user("app", { readOnly: true })]) {
      let stored: DatabaseUser | undefined;
      const claimed: string[] = [];
      const error = await failure(
        create({
          name: "app",
          readOnly: false,
          find: async () => stored,
          send: async () => {
            stored = found; // appeared meanwhile: someone else's
            throw lostAnswer();
          },
          claim: async (u) => {
            claimed.push(u.name);
            return { user: u, password: "x" };
          },
        }),
      );
      expect(error).toMatchObject({ outcome: "unknown" });
      expect(claimed).toEqual([]);
    }
  });

  it("a failure of the claim names its step and says the outcome is unknown", async () => {
    const { steps } = vendor({ afterPost: "created", failWith: lostAnswer });
    const error = await failure(
      create({
        ...steps("app"),
        claim: async () => {
          throw lostAnswer();
        },
      }),
    );
    expect(error).toMatchObject({
      outcome: "unknown",
      step: "password of a user whose create answer was lost",
    });
  });

  it("recovery lookups that get unusable answers are asked again within the deadline", async () => {
    let lookups = 0;
    let stored: DatabaseUser | undefined;
    const result = await create({
      name: "app",
      find: async () => {
        lookups++;
        // The second and third lookups (after the lost answer) get a 502 each.
        if (lookups === 2 || lookups === 3) throw lostAnswer();
        return stored;
      },
      send: async () => {
        stored = user("app");
        throw lostAnswer();
      },
      claim: async (found) => ({ user: found, password: "from-claim" }),
    });
    expect(result.password).toBe("from-claim");
    expect(lookups).toBe(4);
  });
});
