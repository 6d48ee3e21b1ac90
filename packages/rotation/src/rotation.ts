import {
  ConflictError,
  createLocalNameLock,
  type DatabaseUser,
  type DatabaseUsers,
  DatabaseUsersError,
  type MutationOutcome,
  type NameLock,
  NotFoundError,
  Secret,
} from "@dbusers/core";
import { RotationError, type RotationErrorReason } from "./errors.ts";
import type { GrantsContext, RotationHooks, StepEvent, Verifier } from "./hooks.ts";
import { describePlan, type RotationPlan } from "./plan.ts";
import type {
  Credentials,
  DueHook,
  PendingRotation,
  RotationState,
  RotationStep,
  RotationStrategy,
} from "./state.ts";
import type { RotationStore } from "./store.ts";
import { type TwinOptions, vendorFacts } from "./vendors.ts";

export interface RotationOptions extends RotationHooks {
  /** The vendor's adapter (`createDatabaseUsers({ provider, ... })`). */
  users: DatabaseUsers;
  store: RotationStore;
  /** The logical credential's name, e.g. `app`; part of the store key. */
  credential: string;
  /** The vendor user that is CURRENT before the first rotation. Default: `credential`. */
  user?: string;
  /** CURRENT's password before the first rotation, so that clients can read it from the store at once. */
  initialPassword?: string | Secret;
  /**
   * `alternating` (default): two vendor users, CURRENT never touched: zero downtime. `in-place`: CURRENT's
   * own password is reset; connections holding the old one fail until they read the new one (NOT
   * zero-downtime), for users no twin can stand in for.
   */
  strategy?: RotationStrategy;
  twin?: TwinOptions;
  /**
   * How long PREVIOUS keeps working after a promotion, in ms: a rotation that would change its password
   * sooner stops with reason `drain-pending` and sends nothing. Default 60 000.
   */
  drainMs?: number;
  /** Resolves once nothing uses PREVIOUS any longer (a pool's old connections closed); awaited before it is retired. */
  drained?(previous: Credentials, signal: AbortSignal): Promise<void>;
  /** Proves the twin's new credentials before promotion: a caller's check, the built-in login verifiers, or both. */
  verify?: Verifier | readonly Verifier[];
  /** Gives the twin CURRENT's SQL-level privileges, before verification (see `@dbusers/rotation/postgres`, `/mysql`). */
  grants?(context: GrantsContext): Promise<void>;
  /** Called at every step boundary (logs, metrics): the state was written, or a vendor request returned. */
  onStep?(event: StepEvent): Promise<void> | void;
  /** Held per credential for the whole rotation; a distributed lock (Redis) covers several processes. */
  lock?: NameLock;
  /** Store key. Default `<provider>/<cluster, database or account>/<credential>`. */
  key?: string;
  /** The clock (ms since the epoch), for the drain period. */
  now?: () => number;
}

/** What one `rotate()` found and did, in order (`found PENDING app-twin at setting-password`, …). */
export interface RotationResult {
  /** Whether a rotation was completed (CURRENT changed, or its password on `in-place`). */
  rotated: boolean;
  current: string;
  previous?: string;
  rotations: number;
  /** The step a rotation interrupted earlier was resumed from. */
  resumedFrom?: RotationStep;
  actions: string[];
}

export interface Rotation {
  readonly key: string;
  /** Runs (or resumes) one rotation under the credential's lock. */
  rotate(options?: { signal?: AbortSignal }): Promise<RotationResult>;
  /** What `rotate()` would do now, from the store alone: nothing is sent to the vendor. */
  plan(): Promise<RotationPlan>;
  /**
   * CURRENT's credentials as the store holds them (before the first rotation: the user and its
   * `initialPassword`); `undefined` while its password is unknown.
   */
  current(): Promise<Credentials | undefined>;
  /** The stored state, for dashboards and tests (passwords stay `Secret`s). */
  state(): Promise<RotationState | undefined>;
}

const DEFAULT_DRAIN_MS = 60_000;

/**
 * Rotates one logical credential through the vendor's own API. On the alternating strategy a credential
 * is a pair of vendor users, one CURRENT: `rotate()` makes sure the other exists with CURRENT's
 * vendor-side attributes, gives it a new password, runs `grants` and `verify`, then promotes it;
 * the old CURRENT becomes PREVIOUS and keeps its password until the next rotation, after `drainMs`.
 * Every step is written to the store before the vendor request it names, so a rotation killed anywhere
 * resumes where it stopped; at most two vendor users exist per credential.
 */
export function createRotation(options: RotationOptions): Rotation {
  const { users, store, credential } = options;
  const provider = users.provider;
  const facts = vendorFacts(provider);
  const original = options.user ?? credential;
  const twinName =
    typeof options.twin?.name === "function"
      ? options.twin.name(original)
      : (options.twin?.name ?? facts.twinName(original));
  const key = options.key ?? `${provider}/${facts.scope(users)}/${credential}`;
  const lock = options.lock ?? createLocalNameLock();
  const now = options.now ?? Date.now;
  const drainMs = options.drainMs ?? DEFAULT_DRAIN_MS;
  const verifiers: readonly Verifier[] =
    options.verify === undefined
      ? []
      : typeof options.verify === "function"
        ? [options.verify]
        : options.verify;
  const twin = options.twin ?? {};

  function initialState(strategy: RotationStrategy): RotationState {
    const passwords: Record<string, Secret> =
      options.initialPassword === undefined ? {} : { [original]: Secret.from(options.initialPassword) };
    return {
      credential,
      provider,
      users: strategy === "in-place" ? [original] : [original, twinName],
      current: original,
      passwords,
      due: [],
      rotations: 0,
      updatedAt: now(),
    };
  }

  async function rotateLocked(signal: AbortSignal): Promise<RotationResult> {
    const actions: string[] = [];
    const stored = await store.get(key);
    let version = stored?.version ?? 0;
    let state = stored?.state ?? initialState(options.strategy ?? "alternating");
    const resumedFrom = state.pending?.step;
    actions.push(
      stored
        ? `found CURRENT ${state.current}${state.pending ? `, PENDING ${state.pending.name} at ${state.pending.step}` : ""}${state.due.length > 0 ? `, hooks due: ${state.due.join(", ")}` : ""}`
        : `no state yet: CURRENT is ${original}`,
    );

    const boundary = async (name: string, user: string) => {
      await options.onStep?.({ credential, boundary: name, user });
    };
    const save = async (next: RotationState, name: string) => {
      next.updatedAt = now();
      version = await store.put(key, next, version);
      state = next;
      await boundary(name, next.pending?.name ?? next.current);
    };
    const withPending = (pending: PendingRotation | undefined): RotationState => {
      const { pending: _, ...rest } = state;
      return pending ? { ...rest, pending } : rest;
    };
    const fail = (
      message: string,
      reason: RotationErrorReason,
      step: string,
      outcome: MutationOutcome,
      cause?: unknown,
      retryAfterMs?: number,
    ) =>
      new RotationError(`${provider}: rotation of ${credential}: ${message}`, {
        provider,
        reason,
        step,
        outcome,
        ...(cause === undefined ? {} : { cause }),
        ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
      });
    const vendorFailure = (error: unknown, step: string, what: string) => {
      if (!(error instanceof DatabaseUsersError)) return error;
      const outcome = error.outcome ?? "not-applied";
      const left =
        outcome === "unknown"
          ? `${what} may have happened; CURRENT is untouched and the next rotate() finds out`
          : `${what} did not happen`;
      return fail(`${left} (${error.message})`, "vendor-error", step, outcome, error);
    };
    const call = () => ({ signal });

    async function find(name: string): Promise<DatabaseUser | undefined> {
      try {
        return await users.get(name, call());
      } catch (error) {
        if (error instanceof NotFoundError) return undefined;
        throw vendorFailure(error, "lookup", `looking up ${name}`);
      }
    }

    async function runDueHooks(): Promise<void> {
      for (const hook of state.due) {
        const passwordOfCurrent = state.passwords[state.current];
        try {
          if (hook === "onPromoted" && passwordOfCurrent) {
            await options.onPromoted?.({
              current: { username: state.current, password: passwordOfCurrent },
              ...(state.previous ? { previous: state.previous.name } : {}),
            });
          }
          if (hook === "onRetired" && state.previous)
            await options.onRetired?.({ username: state.previous.name });
        } catch (error) {
          throw fail(
            `the ${hook} hook failed; the next rotate() calls it again`,
            "hook-failed",
            hook,
            "not-applied",
            error,
          );
        }
        actions.push(`called ${hook}`);
      }
      if (state.due.length > 0) await save({ ...state, due: [] }, "hooks called");
    }

    // Owed hooks of an interrupted rotation come first: the caller learns of what already happened.
    await runDueHooks();
    const strategy = state.pending?.strategy ?? options.strategy ?? "alternating";
    if (strategy === "in-place") return inPlace();

    // Alternating: the user of the pair that is not CURRENT becomes PENDING.
    if (state.users.length < 2) state = { ...state, users: [state.users[0] ?? original, twinName] };
    const pendingName = state.pending?.name ?? (state.users.find((name) => name !== state.current) as string);
    const currentUser = await find(state.current);
    if (!currentUser) {
      throw fail(
        `CURRENT user ${state.current} does not exist at ${provider}`,
        "twin-unavailable",
        "lookup",
        "not-applied",
      );
    }
    const refusal = facts.refusal?.(currentUser, twin);
    if (refusal) {
      throw fail(
        `no twin possible: ${refusal}; rotate in place only if downtime is acceptable (strategy: "in-place")`,
        "twin-unavailable",
        "before sending",
        "not-applied",
      );
    }

    if (!state.pending) {
      const retiring = state.previous?.name === pendingName;
      if (retiring && state.previous) {
        const waited = now() - state.previous.since;
        if (waited < drainMs) {
          throw fail(
            `PREVIOUS ${pendingName} is draining for ${drainMs - waited} ms more; nothing was sent`,
            "drain-pending",
            "drain",
            "not-applied",
            undefined,
            drainMs - waited,
          );
        }
        const previousPassword = state.passwords[pendingName];
        if (previousPassword)
          await options.drained?.({ username: pendingName, password: previousPassword }, signal);
        actions.push(`PREVIOUS ${pendingName} drained`);
      }
      await ensureTwinFirstTime(currentUser, retiring, strategy);
    } else if (state.pending.step === "creating-twin") {
      await ensureTwinAfterCrash(currentUser);
    } else {
      actions.push(`resumed at ${state.pending.step}`);
    }
    const step = state.pending?.step;
    if (step === "twin-ready" || step === "setting-password") await setPassword(currentUser);
    // After the password (DigitalOcean's reset sets CURRENT's auth plugin), before grants and verification.
    await alignTwin(currentUser, pendingName);
    if (state.pending?.step === "password-set") {
      if (options.grants) {
        try {
          await options.grants({
            provider,
            credential,
            current: state.current,
            pending: pendingName,
            original: state.users[0] ?? original,
            signal,
          });
        } catch (error) {
          throw fail(
            `the grants hook failed: ${pendingName} is not promoted`,
            "grants-failed",
            "grants",
            "not-applied",
            error,
          );
        }
        actions.push(`ran the grants hook for ${pendingName}`);
      }
      await save(withPending({ ...(state.pending as PendingRotation), step: "granted" }), "pending: granted");
    }
    const password = state.passwords[pendingName];
    if (state.pending?.step === "granted" && password) {
      for (const verify of verifiers) {
        try {
          await verify({ provider, credential, username: pendingName, password, signal });
        } catch (error) {
          throw fail(
            `${pendingName}'s new credentials failed verification: it is not promoted`,
            "verification-failed",
            "verify",
            "not-applied",
            error,
          );
        }
      }
      actions.push(
        `verified ${pendingName} (${verifiers.length} verifier${verifiers.length === 1 ? "" : "s"})`,
      );
      await save(
        withPending({ ...(state.pending as PendingRotation), step: "verified" }),
        "pending: verified",
      );
    }
    if (!password) throw fail(`${pendingName}'s password is unknown`, "vendor-error", "verify", "unknown");
    await options.onPending?.({ username: pendingName, password });
    const old = state.current;
    await save(
      {
        ...withPending(undefined),
        current: pendingName,
        previous: { name: old, since: now() },
        rotations: state.rotations + 1,
        due: [...state.due, "onPromoted"],
      },
      "promoted",
    );
    actions.push(`promoted ${pendingName} to CURRENT; ${old} is PREVIOUS`);
    await runDueHooks();
    return result(true);

    function result(rotated: boolean): RotationResult {
      return {
        rotated,
        current: state.current,
        ...(state.previous ? { previous: state.previous.name } : {}),
        rotations: state.rotations,
        ...(resumedFrom ? { resumedFrom } : {}),
        actions,
      };
    }

    async function ensureTwinFirstTime(current: DatabaseUser, retiring: boolean, strategy: RotationStrategy) {
      const found = await find(pendingName);
      const pending = { name: pendingName, created: false, retiring, strategy };
      if (found) {
        // The twin name is the credential's once it has been CURRENT or PREVIOUS; before the first
        // rotation a user of that name is someone else's.
        if (state.rotations === 0 && !retiring) {
          throw fail(
            `a user named ${pendingName} exists that no rotation of ${credential} made: choose another twin name (twin: { name })`,
            "twin-unavailable",
            "lookup",
            "not-applied",
          );
        }
        actions.push(`found ${pendingName}`);
        await save(withPending({ ...pending, step: "twin-ready" }), "pending: twin-ready");
        return;
      }
      if (retiring) actions.push(`PREVIOUS ${pendingName} is gone: making it again`);
      await save(withPending({ ...pending, created: true, step: "creating-twin" }), "pending: creating-twin");
      await createTwin(current);
    }

    async function ensureTwinAfterCrash(current: DatabaseUser) {
      // The create may have happened before the crash: the name was recorded as this rotation's first.
      const found = await find(pendingName);
      if (found) {
        actions.push(`found ${pendingName}, whose create was interrupted: its password is unknown`);
        await save(
          withPending({ ...(state.pending as PendingRotation), step: "twin-ready" }),
          "pending: twin-ready",
        );
        return;
      }
      actions.push(`${pendingName} was not created before the interruption`);
      await createTwin(current);
    }

    async function createTwin(current: DatabaseUser) {
      const input = facts.createInput(pendingName, current, twin);
      let made: { password: Secret };
      try {
        made = await users.create(input, call());
      } catch (error) {
        if (error instanceof DatabaseUsersError && error.outcome === "unknown") {
          const found = await find(pendingName);
          if (!found) throw vendorFailure(error, "create twin", `creating ${pendingName}`);
          actions.push(
            `create of ${pendingName} answered ${error.code}, but it exists: its password is unknown`,
          );
          await save(
            withPending({ ...(state.pending as PendingRotation), step: "twin-ready" }),
            "pending: twin-ready",
          );
          return;
        }
        // Refused (a taken name, the vendor's refusal): nothing was made, nothing is pending.
        await save(withPending(undefined), "pending cleared");
        const taken =
          error instanceof ConflictError
            ? `${pendingName} is taken by another user`
            : `${provider} refused to create ${pendingName}`;
        throw fail(
          `${taken}; rotate in place only if downtime is acceptable (strategy: "in-place")`,
          "twin-unavailable",
          "create twin",
          "not-applied",
          error,
        );
      }
      await boundary("sent: create", pendingName);
      actions.push(`created ${pendingName} like ${current.name}`);
      await save(
        {
          ...withPending({ ...(state.pending as PendingRotation), step: "password-set" }),
          passwords: { ...state.passwords, [pendingName]: made.password },
        },
        "pending: password-set",
      );
    }

    async function alignTwin(current: DatabaseUser, name: string) {
      const found = await find(name);
      if (!found) {
        throw fail(
          `${name} disappeared during the rotation; the next rotate() makes it again`,
          "vendor-error",
          "attributes",
          "not-applied",
        );
      }
      let differences = facts.differences(current, found);
      if (facts.align) {
        try {
          await facts.align(users, current, found, twin, call());
        } catch (error) {
          throw vendorFailure(error, "attributes", `aligning ${name}'s attributes`);
        }
        const aligned = differences.length > 0 ? await find(name) : found;
        differences = aligned ? facts.differences(current, aligned) : differences;
      }
      if (differences.length > 0) {
        throw fail(
          `${name} differs from CURRENT ${current.name} and is not promoted: ${differences.join("; ")}`,
          "attributes-differ",
          "attributes",
          "not-applied",
        );
      }
    }

    async function setPassword(current: DatabaseUser) {
      const pending = state.pending as PendingRotation;
      const { [pending.name]: _, ...passwords } = state.passwords;
      await save(
        { ...withPending({ ...pending, step: "setting-password" }), passwords },
        "pending: setting-password",
      );
      let made: { password: Secret };
      try {
        made = await users.resetPassword(pending.name, { ...call(), ...facts.resetOptions?.(current) });
      } catch (error) {
        throw vendorFailure(error, "set password", `the password change of ${pending.name}`);
      }
      await boundary("sent: resetPassword", pending.name);
      actions.push(`gave ${pending.name} a new password (resetPassword)`);
      const due: DueHook[] = pending.retiring ? [...state.due, "onRetired"] : state.due;
      await save(
        {
          ...withPending({ ...pending, step: "password-set" }),
          passwords: { ...state.passwords, [pending.name]: made.password },
          due,
        },
        "pending: password-set",
      );
      await runDueHooks();
    }

    async function inPlace(): Promise<RotationResult> {
      const name = state.current;
      const pending: PendingRotation = {
        name,
        step: "setting-password",
        created: false,
        retiring: false,
        strategy: "in-place",
      };
      // Clients keep reading the old password until the new one is known: it works until the reset lands.
      await save(withPending(pending), "pending: setting-password");
      let made: { password: Secret };
      try {
        made = await users.resetPassword(name, call());
      } catch (error) {
        throw vendorFailure(error, "set password", `the password reset of CURRENT ${name}`);
      }
      await boundary("sent: resetPassword", name);
      actions.push(`reset CURRENT ${name}'s password in place (its old one stopped working)`);
      await save(
        {
          ...withPending(undefined),
          passwords: { ...state.passwords, [name]: made.password },
          rotations: state.rotations + 1,
          due: [...state.due, "onPromoted"],
        },
        "promoted",
      );
      for (const verify of verifiers) {
        try {
          await verify({ provider, credential, username: name, password: made.password, signal });
        } catch (error) {
          throw fail(
            `${name}'s new credentials failed verification`,
            "verification-failed",
            "verify",
            "unknown",
            error,
          );
        }
      }
      await runDueHooks();
      return result(true);
    }
  }

  return {
    key,
    async rotate(callOptions = {}) {
      const signal = callOptions.signal ?? new AbortController().signal;
      return lock.run(`rotation/${key}`, () => rotateLocked(signal), signal);
    },
    async plan() {
      const stored = await store.get(key);
      return describePlan({
        key,
        provider,
        stored: stored?.state,
        initial: initialState(options.strategy ?? "alternating"),
        strategy: options.strategy ?? "alternating",
        drainMs,
        now: now(),
        hasGrants: options.grants !== undefined,
        verifiers: verifiers.length,
      });
    },
    async current() {
      // Before the first rotation, the initial password (if given) is CURRENT's.
      const state = (await store.get(key))?.state ?? initialState(options.strategy ?? "alternating");
      const password = state?.passwords[state.current];
      return state && password ? { username: state.current, password } : undefined;
    },
    async state() {
      return (await store.get(key))?.state;
    },
  };
}
