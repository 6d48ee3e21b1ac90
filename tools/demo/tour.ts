// The same facade code on every vendor: the lifecycle a service runs, each step timed and its outcome
// kept for the tables (`✓` with the time it took, or the error class it raised).
import { randomBytes } from "node:crypto";
import {
  type DatabaseUsers,
  DatabaseUsersError,
  NotFoundError,
  Secret,
  UnsupportedOperationError,
} from "@dbusers/sdk";
import type { TourLogins } from "./logins.ts";

export type Outcome = string;

export interface TourResult {
  steps: Map<string, Outcome>;
  capabilities: DatabaseUsers["capabilities"];
}

/** A name every vendor's rules accept: lower-case letters and digits, 6 to 32 of them. */
function demoName(): string {
  return `demo${randomBytes(4).toString("hex")}`;
}

export interface TourOptions {
  /**
   * The simulator: one more create has its answer dropped after the vendor applied it, to show it
   * reconciled rather than re-sent.
   */
  loseNextCreateAnswer?: () => void;
  /** Real databases behind the simulator: after each step that hands out a password, a login with it. */
  logins?: TourLogins;
}

/** Runs the lifecycle on `users`. */
export async function runTour(
  users: DatabaseUsers,
  { loseNextCreateAnswer, logins }: TourOptions = {},
): Promise<TourResult> {
  const steps = new Map<string, Outcome>();
  const name = demoName();
  const step = async (title: string, action: () => Promise<string | undefined>): Promise<void> => {
    const started = performance.now();
    try {
      const detail = await action();
      steps.set(title, `✓ ${Math.round(performance.now() - started)} ms${detail ? `, ${detail}` : ""}`);
    } catch (error) {
      if (!(error instanceof DatabaseUsersError)) throw error;
      steps.set(
        title,
        error instanceof UnsupportedOperationError
          ? "unsupported, refused before sending"
          : `✗ ${error.name}`,
      );
    }
  };
  /** With real databases, a row with the login's outcome (`–` when the step before gave no password). */
  const loginStep = async (title: string, password: Secret | undefined): Promise<void> => {
    if (logins) steps.set(title, password ? await logins.login(name, password) : "–");
  };
  let first: Secret | undefined;
  await step("create", async () => {
    first = (await users.create({ name, ...logins?.createInput })).password;
    return `password ${String(first)}`;
  });
  await loginStep("login with new credentials", first);
  await step("list", async () => {
    const { length } = await users.list();
    return `${length} user${length === 1 ? "" : "s"}`;
  });
  await step("get", async () => (await users.get(name)).name);
  let reset: Secret | undefined;
  await step("resetPassword", async () => {
    reset = (await users.resetPassword(name)).password;
    return reset.reveal() === first?.reveal() ? "SAME password" : "new password";
  });
  await loginStep("login after resetPassword", reset);
  let chosen: Secret | undefined;
  await step("setPassword", async () => {
    const password = new Secret(`Chosen-${randomBytes(12).toString("hex")}-Aa9`);
    await users.setPassword(name, password);
    chosen = password;
    return undefined;
  });
  await loginStep("login after setPassword", chosen);
  if (loseNextCreateAnswer) {
    await step("create, answer lost", async () => {
      const second = demoName();
      loseNextCreateAnswer();
      const { user } = await users.create({ name: second });
      const found = (await users.list()).filter((listed) => listed.name === second).length;
      await users.delete(second);
      return `${user.name === second ? "reconciled" : "WRONG USER"}, ${found} user`;
    });
  }
  await step("delete", async () => {
    await users.delete(name);
    return undefined;
  });
  await step("get after delete", async () => {
    try {
      await users.get(name);
    } catch (error) {
      if (error instanceof NotFoundError) return `NotFoundError (${error.status ?? "no status"})`;
      throw error;
    }
    throw new Error("the user was still there after delete");
  });
  return { steps, capabilities: users.capabilities };
}
