import { expectObject, type PollResult, ResponseShapeError } from "@dbusers/core/adapter";
import type { Cloud66Action, Cloud66ActionResponse } from "./types.ts";

/** Reads the action out of Cloud 66's envelope, checking what polling relies on: its id. */
export function readAction(data: Cloud66ActionResponse | undefined): Cloud66Action {
  const action = expectObject(expectObject(data, "body").response, "response");
  if (!Number.isInteger(action.id) || action.id < 1) {
    throw new ResponseShapeError(`response.id is ${String(action.id)}, not an action id`);
  }
  return action;
}

/**
 * Where an action stands, for core's waiter. Done once `finished_at` is set (Cloud 66's Go client reads
 * nothing else); then `finished_success` is the outcome and `finished_message` the reason of a failure.
 * `status` is only shown in a message: its values are not documented.
 */
export function actionProgress(action: Cloud66Action): PollResult<Cloud66Action> {
  if (action.finished_at === null || action.finished_at === undefined) {
    return { state: "retry", reason: action.status ?? (action.started_at ? "running" : "queued") };
  }
  if (action.finished_success === true) return { state: "success", value: action };
  return {
    state: "failure",
    reason:
      action.finished_message ??
      (action.finished_success === false ? "Cloud 66 gave no reason" : "finished without reporting success"),
  };
}
