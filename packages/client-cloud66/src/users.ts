import {
  type Capabilities,
  type DatabaseUsers,
  InvalidResponseError,
  NotFoundError,
  type OperationOptions,
  type Secret,
  TimeoutError,
  UnsupportedOperationError,
  type UserWithPassword,
  type WaitOptions,
} from "@dbusers/core";
import { isAmbiguousFailure, paginateNumbered, requireOperationOptions, unwrap } from "@dbusers/core/adapter";
import { readAction } from "./action.ts";
import { type Cloud66Client, type Cloud66ClientOptions, createCloud66Client } from "./client.ts";
import { type Cloud66CreateUserInput, createBody } from "./create-body.ts";
import { type ListedUser, readUserPage } from "./listing.ts";
import { type Cloud66User, passwordOf } from "./map-user.ts";
import { type Cloud66Operation, cloud66Operation, type Settle } from "./operation.ts";
import { adapterSettings, requireActionId, requireName, waitChoice } from "./settings.ts";
import type { Cloud66Action } from "./types.ts";
import { cloud66 } from "./vendor.ts";

const { provider } = cloud66;
const USERS = "/stacks/{stack_id}/server_groups/{server_group_id}/database_users";
const USER = "/stacks/{stack_id}/server_groups/{server_group_id}/database_users/{id}";
const REGENERATE =
  "/stacks/{stack_id}/server_groups/{server_group_id}/database_users/{id}/regenerate_password";
const ACTION = "/stacks/{stack_id}/actions/{id}";
/** Walks of the list a lookup makes while the list keeps changing under it. */
const MAX_WALKS = 3;

export interface Cloud66UsersOptions extends Cloud66ClientOptions {
  /** The stack's UID (as in its URL on app.cloud66.com); checked before any request. */
  stackId: string;
  /** The id of the server group that runs the databases, e.g. `3817` or `"3817"`. */
  serverGroupId: string | number;
  /**
   * How many pages of the list are requested at once once the first one has said how many there are
   * (pages hold 30 users). Default 4; 1 reads them one after another. `pnpm bench` measures the gain.
   */
  pageConcurrency?: number;
  /**
   * How mutations wait for their async action, unless a call says otherwise: `timeoutMs` (default
   * 10 min, like Cloud 66's Go client), `minDelayMs` (2 s) and `maxDelayMs` (15 s) between polls.
   */
  wait?: WaitOptions;
}

/** `{ wait: false }`: the mutation returns as soon as Cloud 66 accepted it, with its operation. */
type NoWait = OperationOptions & { wait: false };

/** `DatabaseUsers` for one Cloud 66 server group, plus what only Cloud 66 offers. */
export interface Cloud66Users extends DatabaseUsers<Cloud66User, Cloud66CreateUserInput> {
  readonly stackId: string;
  readonly serverGroupId: string;
  /** The raw typed openapi-fetch client the adapter uses, for operations it does not wrap. */
  readonly client: Cloud66Client;
  create(
    input: Cloud66CreateUserInput,
    options: NoWait,
  ): Promise<Cloud66Operation<UserWithPassword<Cloud66User>>>;
  create(input: Cloud66CreateUserInput, options?: OperationOptions): Promise<UserWithPassword<Cloud66User>>;
  resetPassword(name: string, options: NoWait): Promise<Cloud66Operation<UserWithPassword<Cloud66User>>>;
  resetPassword(name: string, options?: OperationOptions): Promise<UserWithPassword<Cloud66User>>;
  delete(name: string, options: NoWait): Promise<Cloud66Operation<void>>;
  delete(name: string, options?: OperationOptions): Promise<void>;
  /** One async action of the stack, as it stands now (`GET /stacks/{stack_id}/actions/{id}`). */
  getAction(id: number, options?: Pick<OperationOptions, "signal">): Promise<Cloud66Action>;
}

const capabilities: Capabilities = Object.freeze({
  // By walking the list: Cloud 66 has no endpoint for one user.
  get: true,
  // Cloud 66 generates every password; regenerate_password rotates it.
  setPassword: false,
  readOnly: true,
  databases: true,
  privileges: false,
  asyncOperations: true,
  notes: Object.freeze({
    get: "by listing: Cloud 66 has no endpoint for one user",
    readOnly: "sent as user_type readonly, one of Cloud 66's documented examples",
    databases: "database UIDs on create; users list their databases by name",
    asyncOperations: "create, resetPassword and delete wait for Cloud 66's action unless { wait: false }",
  }),
});

/**
 * Manages the database users of one server group of a Cloud 66 stack. Mutations wait for the async
 * action Cloud 66 starts, unless called with `{ wait: false }`.
 *
 * ```ts
 * const users = createCloud66Users({ token: process.env.CLOUD66_TOKEN!, stackId, serverGroupId: 3817 });
 * const { user, password } = await users.create({ name: "reporting", readOnly: true });
 * ```
 */
export function createCloud66Users(options: Cloud66UsersOptions): Cloud66Users {
  const { stackId, serverGroupId, pageConcurrency, waitDefaults } = adapterSettings(options);
  const client = createCloud66Client(options);
  const group = { stack_id: stackId, server_group_id: serverGroupId };

  async function fetchPage(page: number, showPassword: boolean, signal: AbortSignal | undefined) {
    const query = showPassword ? { page, show_password: true } : { page };
    const result = await client.GET(USERS, { params: { path: group, query }, signal });
    return unwrap(result, cloud66, readUserPage(page));
  }

  // Lazy: nothing is sent until the loop starts. `totals` collects each page's count of the whole list.
  const walk = (
    showPassword: boolean,
    signal: AbortSignal | undefined,
    totals?: Set<number>,
  ): AsyncIterable<ListedUser> =>
    paginateNumbered(
      async (page, pageSignal) => {
        const read = await fetchPage(page, showPassword, pageSignal);
        totals?.add(read.total);
        return read;
      },
      { provider, key: (entry) => entry.user.id, concurrency: pageConcurrency, signal },
    );

  // The options are checked when iterate() is called, as the other vendors' listings do; the loop
  // still reads nothing before it is first asked for a user.
  function iterate(options?: OperationOptions): AsyncIterable<Cloud66User> {
    const { signal } = requireOperationOptions(options, provider);
    return usersOf(walk(false, signal));
  }

  /**
   * Every user. As in find(), a walk during which the list's size changed may have skipped a user or
   * seen one twice (offset pages shift), so it is done again, twice at most; after that, the last walk is
   * the answer. iterate(), which hands users out as it reads them, cannot take one back: it walks once.
   */
  async function list(options?: OperationOptions): Promise<Cloud66User[]> {
    const { signal } = requireOperationOptions(options, provider);
    let users: Cloud66User[] = [];
    for (let walks = 0; walks < MAX_WALKS; walks++) {
      const totals = new Set<number>();
      users = [];
      for await (const entry of walk(false, signal, totals)) users.push(entry.user);
      if (totals.size <= 1) break;
    }
    return users;
  }

  /**
   * The first listed user that `matches`, reading no further page than needed. Cloud 66 pages by offset,
   * so a user created or deleted while the pages are read shifts the others between pages and one can be
   * missed: a walk during which the list's size changed proves nothing, and is done again (twice at most).
   */
  async function find(
    matches: (user: Cloud66User) => boolean,
    { showPassword = false, signal }: { showPassword?: boolean; signal: AbortSignal | undefined },
  ): Promise<ListedUser | undefined> {
    for (let walks = 0; walks < MAX_WALKS; walks++) {
      const totals = new Set<number>();
      for await (const entry of walk(showPassword, signal, totals)) {
        if (matches(entry.user)) return entry;
      }
      if (totals.size <= 1) return undefined;
    }
    return undefined;
  }

  /** The user called `name` (Cloud 66's routes take its uid), or a NotFoundError. */
  async function resolve(name: string, signal: AbortSignal | undefined): Promise<Cloud66User> {
    const wanted = requireName(name);
    const found = await find((user) => user.name === wanted, { signal });
    if (!found) {
      throw new NotFoundError(
        `cloud66: no database user "${wanted}" in server group ${serverGroupId} of stack ${stackId}`,
        { provider },
      );
    }
    return found.user;
  }

  /** The user and its password once the list shows it: the result of create and resetPassword. */
  function settleWithPassword(
    matches: (user: Cloud66User) => boolean,
    operation: string,
  ): Settle<UserWithPassword<Cloud66User>> {
    return async (signal) => {
      const found = await find(matches, { showPassword: true, signal });
      if (!found) return { state: "retry", reason: "finished, not listed yet" };
      return { state: "success", value: { user: found.user, password: passwordOf(found.listed, operation) } };
    };
  }

  const settled: Settle<void> = async () => ({ state: "success", value: undefined });

  async function getAction(id: number, options?: Pick<OperationOptions, "signal">) {
    const { signal } = requireOperationOptions(options, provider);
    const actionId = requireActionId(id);
    const result = await client.GET(ACTION, {
      params: { path: { stack_id: stackId, id: actionId } },
      signal,
    });
    return unwrap(result, cloud66, readAction);
  }

  const operation = <T>(description: string, action: Cloud66Action | undefined, settle: Settle<T>) =>
    cloud66Operation({
      description,
      ...(action ? { action } : {}),
      pollAction: (id, signal) => getAction(id, { signal }),
      settle,
      defaults: waitDefaults,
    });

  /** Hands the operation back with `{ wait: false }`, else waits for it under the call's signal. */
  function finish<T>(
    handle: Cloud66Operation<T>,
    wait: false | WaitOptions,
    signal: AbortSignal | undefined,
  ): Promise<T | Cloud66Operation<T>> {
    return wait === false ? Promise.resolve(handle) : handle.wait({ ...wait, signal });
  }

  /**
   * What became of a create whose answer was lost. Waiting, the list is followed until the wait's time
   * limit, since a create Cloud 66 did queue shows up once its action finishes; with `{ wait: false }`,
   * one look. `undefined` when the user did not show.
   */
  async function lostCreateResult(
    description: string,
    settle: Settle<UserWithPassword<Cloud66User>>,
    waiting: false | WaitOptions,
    signal: AbortSignal | undefined,
  ): Promise<UserWithPassword<Cloud66User> | undefined> {
    if (waiting === false) {
      const found = await settle(signal);
      return found.state === "success" ? found.value : undefined;
    }
    try {
      return await operation(description, undefined, settle).wait({ ...waiting, signal });
    } catch (error) {
      // Out of time (the waiter's limit, or a list request's): nothing shows that the create happened.
      if (error instanceof TimeoutError && !signal?.aborted) return undefined;
      throw error;
    }
  }

  function create(
    input: Cloud66CreateUserInput,
    options: NoWait,
  ): Promise<Cloud66Operation<UserWithPassword<Cloud66User>>>;
  function create(
    input: Cloud66CreateUserInput,
    options?: OperationOptions,
  ): Promise<UserWithPassword<Cloud66User>>;
  async function create(input: Cloud66CreateUserInput, options?: OperationOptions) {
    const { signal, wait } = requireOperationOptions(options, provider);
    const waiting = waitChoice(wait);
    const body = createBody(input);
    const description = `creation of database user "${body.username}"`;
    const settle = settleWithPassword((user) => user.name === body.username, "creation");
    let action: Cloud66Action | undefined;
    try {
      action = unwrap(
        await client.POST(USERS, { params: { path: group }, body, signal }),
        cloud66,
        readAction,
      );
    } catch (error) {
      if (error instanceof InvalidResponseError) {
        // A 2xx that cannot be read: Cloud 66 queued the creation, only the action's id is lost. The
        // operation is followed by its effect instead: the user showing up in the list.
      } else if (isAmbiguousFailure(error)) {
        // The request may or may not have reached Cloud 66. Re-sending could only fail (the name would
        // be taken), so its effect is looked for instead. A user that does not show within the wait's
        // limit leaves the caller with the original error: the create's fate is still unknown.
        const found = await lostCreateResult(description, settle, waiting, signal);
        if (found === undefined) throw error;
        const known: Settle<UserWithPassword<Cloud66User>> = async () => ({ state: "success", value: found });
        return finish(operation(description, undefined, known), waiting, signal);
      } else {
        throw error;
      }
    }
    return finish(operation(description, action, settle), waiting, signal);
  }

  function resetPassword(
    name: string,
    options: NoWait,
  ): Promise<Cloud66Operation<UserWithPassword<Cloud66User>>>;
  function resetPassword(name: string, options?: OperationOptions): Promise<UserWithPassword<Cloud66User>>;
  async function resetPassword(name: string, options?: OperationOptions) {
    const { signal, wait } = requireOperationOptions(options, provider);
    const waiting = waitChoice(wait);
    const user = await resolve(name, signal);
    const regenerate = async () =>
      unwrap(
        await client.POST(REGENERATE, { params: { path: { ...group, id: user.id } }, signal }),
        cloud66,
        readAction,
      );
    // A 2xx that cannot be read started a change to a password nobody will be told. Stack actions run in
    // order, so one more change, followed to its end, leaves the password that the caller gets.
    const action = await regenerate().catch((error: unknown) => {
      if (error instanceof InvalidResponseError) return regenerate();
      throw error;
    });
    const settle = settleWithPassword((listed) => listed.id === user.id, "password change");
    const description = `password change of database user "${user.name}"`;
    return finish(operation(description, action, settle), waiting, signal);
  }

  function deleteUser(name: string, options: NoWait): Promise<Cloud66Operation<void>>;
  function deleteUser(name: string, options?: OperationOptions): Promise<void>;
  async function deleteUser(name: string, options?: OperationOptions) {
    const { signal, wait } = requireOperationOptions(options, provider);
    const waiting = waitChoice(wait);
    const user = await resolve(name, signal);
    let action: Cloud66Action | undefined;
    let settle = settled;
    try {
      const result = await client.DELETE(USER, { params: { path: { ...group, id: user.id } }, signal });
      action = unwrap(result, cloud66, readAction);
    } catch (error) {
      if (!(error instanceof InvalidResponseError)) throw error;
      // Accepted (2xx) but unreadable: the deletion is followed by the user leaving the list.
      settle = async (pollSignal) =>
        (await find((listed) => listed.id === user.id, { signal: pollSignal }))
          ? { state: "retry", reason: "still listed" }
          : { state: "success", value: undefined };
    }
    return finish(operation(`deletion of database user "${user.name}"`, action, settle), waiting, signal);
  }

  return {
    provider,
    capabilities,
    stackId,
    serverGroupId,
    client,
    list,
    iterate,
    get: async (name: string, options?: OperationOptions) =>
      resolve(name, requireOperationOptions(options, provider).signal),
    create,
    resetPassword,
    async setPassword(_name: string, _password: string | Secret, options?: OperationOptions): Promise<void> {
      requireOperationOptions(options, provider);
      throw new UnsupportedOperationError(
        "cloud66: passwords cannot be chosen; use resetPassword() to have Cloud 66 generate a new one",
        { provider },
      );
    },
    delete: deleteUser,
    getAction,
  };
}

async function* usersOf(entries: AsyncIterable<ListedUser>): AsyncIterable<Cloud66User> {
  for await (const { user } of entries) yield user;
}
