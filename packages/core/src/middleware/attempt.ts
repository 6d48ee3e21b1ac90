// One HTTP attempt, as seen by the concerns that must act on every attempt (timeout, logging).
//
// openapi-fetch runs its middleware once per call, but a retried call makes several attempts, and
// the re-sends happen inside the retry middleware. Per-attempt concerns are therefore hooks that the
// retry middleware runs around each attempt, the way smithy's finalizeRequest step runs once per try.

/** How an attempt ended: an HTTP answer (any status), or no answer at all. */
export type AttemptOutcome =
  | { response: Response; error?: undefined }
  | { error: unknown; response?: undefined };

export interface AttemptStep {
  /** The request to send (a hook may wrap it, e.g. with a timeout signal). */
  request: Request;
  /** Sees the outcome once the attempt settled, and may replace it. */
  settle: (outcome: AttemptOutcome) => AttemptOutcome | Promise<AttemptOutcome>;
}

/** Called before each attempt; `attempt` is 0 for the first send. */
export type AttemptHook = (request: Request, attempt: number) => AttemptStep | Promise<AttemptStep>;

export interface StartedAttempt {
  request: Request;
  settle: (outcome: AttemptOutcome) => Promise<AttemptOutcome>;
}

/** Runs the hooks in order before the send; their `settle`s run in reverse order afterwards. */
export async function startAttempt(
  hooks: AttemptHook[],
  request: Request,
  attempt: number,
): Promise<StartedAttempt> {
  const settles: AttemptStep["settle"][] = [];
  let current = request;
  for (const hook of hooks) {
    const step = await hook(current, attempt);
    current = step.request;
    settles.unshift(step.settle);
  }
  return {
    request: current,
    async settle(outcome) {
      let result = outcome;
      for (const settle of settles) {
        result = await settle(result);
      }
      return result;
    },
  };
}
