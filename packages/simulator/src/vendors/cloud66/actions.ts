import type { components } from "./generated/schema.ts";

/** An async action as the API returns it (specs/cloud66.yaml `async_action`). */
export type Cloud66Action = components["schemas"]["async_action"];

/** The action names of the database-user operations. */
export type Cloud66ActionName =
  | "database_user_create"
  | "database_user_password_change"
  | "database_user_delete";

/**
 * How the actions of a stack progress. An action finishes on its `polls + 1`-th poll
 * (`GET /stacks/{stack_id}/actions/{id}`) or once it is `afterMs` old, whichever comes first; the polls
 * before that see it running. With `failWith`, it then fails with that message and changes nothing.
 */
export interface Cloud66ActionBehaviour {
  /** Polls that see an action unfinished (default 2). */
  polls?: number;
  /** Age at which an action finishes, polled or not (default 10 000 ms), as Cloud 66's run in the background. */
  afterMs?: number;
  /** A failure message: every action queued from now on fails with it (`null`: they succeed again). */
  failWith?: string | null;
}

export const DEFAULT_ACTION_BEHAVIOUR: Required<Cloud66ActionBehaviour> = {
  polls: 2,
  afterMs: 10_000,
  failWith: null,
};

/** `startSimulator({ instantActions: true })`: done on the first poll, or at the next look at the stack. */
export const INSTANT_ACTION_BEHAVIOUR: Required<Cloud66ActionBehaviour> = {
  polls: 0,
  afterMs: 0,
  failWith: null,
};

/** What an action does when it finishes: a failure message, or its resource id on success. */
export type ActionEffect = () => { failure: string } | { resourceId: string | null };

/** An action put in place by the control handle (Pact provider states): it stays in its state. */
export interface Cloud66ActionInput {
  id?: number;
  action: Cloud66ActionName;
  resource_id?: string | null;
  state: "queued" | "running" | "succeeded" | "failed";
  /** `finished_message` of a failed action. */
  message?: string;
}

interface ActionRecord {
  id: number;
  name: string;
  resourceId: string | null;
  createdAt: number;
  startedAt: number | undefined;
  finishedAt: number | undefined;
  success: boolean | undefined;
  message: string | null;
  polls: number;
  behaviour: Required<Cloud66ActionBehaviour>;
  /** Made by the control handle: never progresses. */
  frozen: boolean;
  effect: ActionEffect | undefined;
}

/**
 * The async actions of one stack. Like Cloud 66's, they run in the background in the order they were
 * queued: an action finishes only after every action queued before it. Time is read lazily, whenever the
 * stack is used (`settle`), so nothing runs while nobody looks.
 */
export class ActionQueue {
  readonly #actions = new Map<number, ActionRecord>();
  // Each stack numbers its actions from 789, the id of the spec's first example.
  #lastId = 788;

  /** Queues an action whose `effect` runs when it finishes successfully. */
  queue(
    name: Cloud66ActionName,
    resourceId: string | null,
    behaviour: Required<Cloud66ActionBehaviour>,
    effect: ActionEffect,
  ): Cloud66Action {
    return toApi(this.#record(this.#nextId(), name, resourceId, behaviour, effect));
  }

  /** Puts an action in a fixed state (control handle). */
  put(input: Cloud66ActionInput): Cloud66Action {
    const id = input.id ?? this.#nextId();
    if (this.#actions.has(id)) throw new Error(`action ${id} already exists`);
    const record = this.#record(id, input.action, input.resource_id ?? null, DEFAULT_ACTION_BEHAVIOUR);
    record.frozen = true;
    const now = Date.now();
    if (input.state !== "queued") record.startedAt = now;
    if (input.state === "succeeded" || input.state === "failed") {
      record.finishedAt = now;
      record.success = input.state === "succeeded";
      record.message = input.state === "failed" ? (input.message ?? "The action failed") : null;
    }
    return toApi(record);
  }

  /** A poll of action `id`: it counts towards the action's `polls`. `undefined` if there is none. */
  poll(id: number): Cloud66Action | undefined {
    this.settle();
    const record = this.#actions.get(id);
    if (!record) return undefined;
    if (!record.frozen && record.finishedAt === undefined) {
      record.polls += 1;
      if (record.polls > record.behaviour.polls) this.#finishThrough(record);
      else record.startedAt ??= Date.now();
    }
    return toApi(record);
  }

  /** Finishes every unfinished action now, in order, as if Cloud 66's workers had caught up. */
  finishPending(): void {
    const last = [...this.#pending()].at(-1);
    if (last) this.#finishThrough(last);
  }

  /** Finishes every action old enough to be done (and, first, those queued before it). */
  settle(): void {
    const now = Date.now();
    let due: ActionRecord | undefined;
    for (const record of this.#pending()) {
      if (now - record.createdAt >= record.behaviour.afterMs) due = record;
    }
    if (due) this.#finishThrough(due);
  }

  /** The stack's actions, oldest first. */
  list(): Cloud66Action[] {
    return [...this.#actions.values()].map(toApi);
  }

  /** The next id no action of this stack has (ids put by the control handle are skipped). */
  #nextId(): number {
    do this.#lastId += 1;
    while (this.#actions.has(this.#lastId));
    return this.#lastId;
  }

  #record(
    id: number,
    name: string,
    resourceId: string | null,
    behaviour: Required<Cloud66ActionBehaviour>,
    effect?: ActionEffect,
  ): ActionRecord {
    const record: ActionRecord = {
      id,
      name,
      resourceId,
      createdAt: Date.now(),
      startedAt: undefined,
      finishedAt: undefined,
      success: undefined,
      message: null,
      polls: 0,
      behaviour: { ...behaviour },
      frozen: false,
      effect,
    };
    this.#actions.set(id, record);
    return record;
  }

  *#pending(): Iterable<ActionRecord> {
    for (const record of this.#actions.values()) {
      if (!record.frozen && record.finishedAt === undefined) yield record;
    }
  }

  /** Finishes `last` and every unfinished action queued before it, in order. */
  #finishThrough(last: ActionRecord): void {
    // The map keeps the order actions were queued in.
    for (const record of [...this.#pending()]) {
      this.#finish(record);
      if (record === last) return;
    }
  }

  #finish(record: ActionRecord): void {
    const now = Date.now();
    record.startedAt ??= now;
    record.finishedAt = now;
    const failWith = record.behaviour.failWith;
    const outcome = failWith === null ? record.effect?.() : { failure: failWith };
    if (outcome && "failure" in outcome) {
      record.success = false;
      record.message = outcome.failure;
    } else {
      record.success = true;
      if (outcome) record.resourceId = outcome.resourceId;
    }
  }
}

function iso(ms: number | undefined): string | null {
  return ms === undefined ? null : new Date(ms).toISOString();
}

function statusOf(record: ActionRecord): string {
  if (record.finishedAt !== undefined) return record.success ? "completed" : "failed";
  return record.startedAt === undefined ? "queued" : "running";
}

/**
 * The action in both of the forms Cloud 66 documents (the spec accepts either): `action` and
 * `action_type`, `status`, and the AsyncAction model's `finished_result` and `metadata`.
 */
function toApi(record: ActionRecord): Cloud66Action {
  return {
    id: record.id,
    resource_type: "database_user",
    resource_id: record.resourceId,
    action: record.name,
    action_type: record.name,
    status: statusOf(record),
    started_via: "api",
    started_at: iso(record.startedAt),
    finished_at: iso(record.finishedAt),
    finished_success: record.success ?? null,
    finished_message: record.message,
    finished_result: null,
    metadata: {},
    created_at: new Date(record.createdAt).toISOString(),
    updated_at: new Date(record.finishedAt ?? record.startedAt ?? record.createdAt).toISOString(),
  };
}
