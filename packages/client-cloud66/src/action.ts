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

/** What a mutation's answer says of the action it started: its id, and the action if the answer came whole. */
export interface ActionAnswer {
  id: number;
  action?: Cloud66Action;
}

/** The start of a mutation's answer up to its action's whole id: Cloud 66 puts the id first. */
const LEADING_ID = /^\s*\{\s*"response"\s*:\s*\{\s*"id"\s*:\s*(\d+)\s*[,}]/;

/**
 * Reads a mutation's answer, taken as text: the action it started, or from an answer cut short the
 * action's id, when it came whole (`{"response":{"id":789,…`). Following the action needs nothing else,
 * and only its verdict tells this call's create from another client's of the same name: a user of that
 * name showing up in the list does not.
 */
export function readActionAnswer(text: string | undefined): ActionAnswer {
  let body: unknown;
  try {
    body = JSON.parse(text ?? "");
  } catch {
    const id = Number(LEADING_ID.exec(text ?? "")?.[1]);
    if (!Number.isSafeInteger(id) || id < 1) {
      throw new ResponseShapeError("the body is not JSON, and does not begin with an action's id");
    }
    return { id };
  }
  const action = readAction(body as Cloud66ActionResponse);
  return { id: action.id, action };
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
