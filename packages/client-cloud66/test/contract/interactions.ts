// The building blocks of the Cloud66 consumer contract: the adapter under test, the requests it sends
// and the answers Cloud66 gives, with Pact matchers where a value may differ and exact values where
// the adapter's behaviour depends on them (an action's outcome, a page number).
import { Matchers, type Pact } from "@pact-foundation/pact";
import { type Cloud66Users, createCloud66Users } from "../../src/index.ts";
import {
  type ActionStateParams,
  CONTRACT_TOKEN,
  type GroupStateParams,
  SERVER_GROUP_ID,
  STACK_ID,
  States,
} from "./states.ts";

const { integer, like, regex } = Matchers;

/** An interaction whose request is set, waiting for its response. */
type WithRequest = ReturnType<ReturnType<Pact["addInteraction"]>["withRequest"]>;

export const USERS_PATH: string = `/stacks/${STACK_ID}/server_groups/${SERVER_GROUP_ID}/database_users`;
export const userPath = (uid: string): string => `${USERS_PATH}/${uid}`;
export const actionPath = (id: number): string => `/stacks/${STACK_ID}/actions/${id}`;

// String patterns: the Rust matcher behind Pact rejects JavaScript's escaped `\/`.
export const JSON_CONTENT: ReturnType<typeof Matchers.regex> = regex(
  "^application/json(;.*)?$",
  "application/json; charset=utf-8",
);
const DATE_TIME = (example: string) =>
  regex("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z$", example);

/** The adapter against the mock server: one attempt per call (retries are core's unit tests' job), fast polls. */
export function adapter(baseUrl: string, token: string = CONTRACT_TOKEN): Cloud66Users {
  return createCloud66Users({
    token,
    stackId: STACK_ID,
    serverGroupId: SERVER_GROUP_ID,
    baseUrl,
    retry: false,
    wait: { minDelayMs: 1, maxDelayMs: 1 },
  });
}

export interface Request {
  method: "GET" | "POST" | "DELETE";
  path: string;
  query?: Record<string, string>;
  body?: Record<string, unknown>;
}

export type Given = [string, (GroupStateParams | ActionStateParams)?];

/** One interaction of `pact`, in the given provider states, sent with `token`. */
export function interaction(
  pact: Pact,
  description: string,
  request: Request,
  states: Given[],
  token: string,
): WithRequest {
  let builder = pact.addInteraction();
  for (const [state, params] of states) {
    builder = params ? builder.given(state, params) : builder.given(state);
  }
  return builder.uponReceiving(description).withRequest(request.method, request.path, (b) => {
    b.headers({ Accept: "application/json", Authorization: `Bearer ${token}` });
    if (request.query) b.query(request.query);
    if (request.body) b.jsonBody(request.body);
  });
}

/** A user as the list shows it; with `password`, as `show_password=true` shows it. */
export function listedUser(user: { uid: string; username: string }, password?: string): unknown {
  return like({
    uid: user.uid,
    username: user.username,
    user_type: "application",
    created_at: "2023-01-15T10:30:00Z",
    ...(password === undefined ? {} : { password }),
  });
}

/** One page of the list; the page numbers are exact, since the adapter checks them. */
export function userPage(
  users: unknown,
  page: { current: number; pages: number; count: number; previousKey?: "previous" | "prev" },
): Record<string, unknown> {
  const { current, pages, count, previousKey = "previous" } = page;
  return {
    response: users,
    count: like(count),
    pagination: {
      [previousKey]: current > 1 ? current - 1 : null,
      next: current < pages ? current + 1 : null,
      current,
      per_page: like(30),
      count: like(count),
      pages,
    },
  };
}

/** The first (and only) page listing `users`, asked for as the adapter does: `?page=1`. */
export function listRequest(showPassword = false): Request {
  return {
    method: "GET",
    path: USERS_PATH,
    query: showPassword ? { page: "1", show_password: "true" } : { page: "1" },
  };
}

export type ActionState = ActionStateParams["state"];

/**
 * An action in `state`, in Cloud66's envelope. Its outcome fields are exact: the adapter's behaviour
 * depends on them. The AsyncAction model's `action` is used, as on the stack action endpoint.
 */
export function actionBody({
  actionId,
  action,
  resourceId,
  state,
  message,
}: Omit<ActionStateParams, "stackId">): { response: Record<string, unknown> } {
  const started = state !== "queued";
  const finished = state === "succeeded" || state === "failed";
  return {
    response: {
      id: integer(actionId),
      resource_type: "database_user",
      resource_id: resourceId === null ? null : like(resourceId),
      action: like(action),
      started_via: like("api"),
      started_at: started ? DATE_TIME("2023-01-15T10:30:04Z") : null,
      finished_at: finished ? DATE_TIME("2023-01-15T10:30:41Z") : null,
      finished_success: finished ? state === "succeeded" : null,
      finished_message: state === "failed" ? like(message ?? "The action failed") : null,
    },
  };
}

/** Cloud66's error body, with the identifier exact and the message by type. */
export function errorBody(error: string, description: string): Record<string, unknown> {
  return { error, error_description: like(description) };
}

/** The provider states of an action of the contract's stack (after the stack itself). */
export function actionStates(
  params: Omit<ActionStateParams, "stackId">,
  users: GroupStateParams["users"] = [],
): Given[] {
  return [
    [States.groupExists, { stackId: STACK_ID, serverGroupId: SERVER_GROUP_ID, users }],
    [States.actionInState, { stackId: STACK_ID, ...params }],
  ];
}
