// The same facade code on every vendor: the lifecycle a service runs, each step timed and its outcome
// kept for the tables (`✓` with the time it took, or the error class it raised).
import { randomBytes } from "node:crypto";
import {
  type DatabaseUsers,
  DatabaseUsersError,
  NotFoundError,
  type Secret,
  UnsupportedOperationError,
} from "@dbusers/sdk";

export type Outcome = string;

export interface TourResult {
  steps: Map<string, Outcome>;
  capabilities: DatabaseUsers["capabilities"];
}

/** A name every vendor's rules accept: lower-case letters and digits, 6 to 32 of them. */
function demoName(): string {
  return `demo${randomBytes(4).toString("hex")}`;
}

/**
 * Runs the lifecycle on `users`. With `loseNextCreateAnswer` (the simulator), one more create has its
 * answer dropped after the vendor applied it, to show it reconciled rather than re-sent.
 */
export async function runTour(users: DatabaseUsers, loseNextCreateAnswer?: () => void): Promise<TourResult> {
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
  let first: Secret | undefined;
  await step("create", async () => {
    first = (await users.create({ name })).password;
    return `password ${String(first)}`;
  });
  await step("list", async () => `${(await users.list()).length} users`);
  await step("get", async () => (await users.get(name)).name);
  await step("resetPassword", async () => {
    const { password } = await users.resetPassword(name);
    return password.reveal() === first?.reveal() ? "SAME password" : "new password";
  });
  await step("setPassword", async () => {
    await users.setPassword(name, `Chosen-${randomBytes(12).toString("hex")}-Aa9`);
    return undefined;
  });
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
