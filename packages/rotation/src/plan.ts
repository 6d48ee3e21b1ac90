import type { RotationState, RotationStep, RotationStrategy } from "./state.ts";

/** What `rotate()` would do, from the store alone. */
export interface RotationPlan {
  key: string;
  strategy: RotationStrategy;
  current: string;
  /** The user that would become CURRENT (CURRENT itself on `in-place`). */
  pending: string;
  /** The step an interrupted rotation would resume from. */
  resumeFrom?: RotationStep;
  /** Hooks owed by an interrupted rotation, called first. */
  due: string[];
  /** What would be done, in order; each line says the requests it sends. */
  steps: string[];
}

export interface PlanInput {
  key: string;
  provider: string;
  stored: RotationState | undefined;
  initial: RotationState;
  strategy: RotationStrategy;
  drainMs: number;
  now: number;
  hasGrants: boolean;
  verifiers: number;
}

/** The steps that follow `from`, as words; nothing here sends a request. */
export function describePlan(input: PlanInput): RotationPlan {
  const state = input.stored ?? input.initial;
  const strategy = state.pending?.strategy ?? input.strategy;
  const current = state.current;
  const { provider } = input;
  if (strategy === "in-place") {
    return {
      key: input.key,
      strategy,
      current,
      pending: current,
      ...(state.pending ? { resumeFrom: state.pending.step } : {}),
      due: state.due,
      steps: [
        `reset ${current}'s password at ${provider} (resetPassword): its old password stops working at once (not zero-downtime)`,
        "store the new password as CURRENT's; call onPromoted",
        ...(input.verifiers > 0 ? [`verify it (${input.verifiers} verifier(s))`] : []),
      ],
    };
  }
  const pair = state.users.length > 1 ? state.users : input.initial.users;
  const pending = state.pending?.name ?? (pair.find((name) => name !== current) as string);
  const from = state.pending?.step;
  const retiring = state.pending?.retiring ?? state.previous?.name === pending;
  const steps: string[] = [`look up CURRENT ${current} at ${provider} (get), for its attributes`];
  if (!from) {
    if (retiring && state.previous) {
      const left = input.drainMs - (input.now - state.previous.since);
      steps.push(
        left > 0
          ? `stop: PREVIOUS ${pending} drains for ${left} ms more (drain-pending, nothing sent)`
          : `PREVIOUS ${pending} has drained ${input.drainMs} ms: await the drained hook`,
      );
    }
    steps.push(
      state.rotations === 0 && !retiring
        ? `look up ${pending}: create it like ${current} if absent (create, a new password); refuse if someone else's user has that name`
        : `look up ${pending}: create it again like ${current} if it is gone`,
    );
  } else if (from === "creating-twin") {
    steps.push(
      `look up ${pending}, whose create was interrupted: if present, its password is unknown; if absent, create it like ${current}`,
    );
  }
  if (!from || from === "creating-twin" || from === "twin-ready" || from === "setting-password") {
    steps.push(
      `give ${pending} a new password (resetPassword)${from === "setting-password" ? " again: the interrupted change may or may not have happened" : ""}${retiring ? `; PREVIOUS ${pending} stops working, then onRetired` : ""}`,
    );
  }
  steps.push(
    `align ${pending}'s vendor-side attributes with ${current}'s where the vendor allows; refuse to promote while they differ`,
  );
  if (!from || (from !== "granted" && from !== "verified")) {
    steps.push(
      input.hasGrants ? `run the grants hook: ${pending} gets ${current}'s SQL privileges` : "no grants hook",
    );
  }
  if (from !== "verified") {
    steps.push(
      input.verifiers > 0
        ? `verify ${pending}'s new credentials (${input.verifiers} verifier(s))`
        : "no verifier",
    );
  }
  steps.push(
    `onPending, then promote: ${pending} becomes CURRENT, ${current} becomes PREVIOUS (still working for ${input.drainMs} ms at least); onPromoted`,
  );
  return {
    key: input.key,
    strategy,
    current,
    pending,
    ...(from ? { resumeFrom: from } : {}),
    due: state.due,
    steps,
  };
}
