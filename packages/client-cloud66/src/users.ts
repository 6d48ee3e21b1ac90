import {
  type Capabilities,
  type DatabaseUsers,
  InvalidResponseError,
  NotFoundError,
  OperationFailedError,
  type OperationOptions,
  type Secret,
  UnavailableError,
  UnsupportedOperationError,
  type UserWithPassword,
  type WaitOptions,
} from "@dbusers/core";
import {
  createUser,
  deleteUser,
  type FetchResult,
  type MutationOperation,
  type MutationRun,
  mutationsOf,
  paginateNumbered,
  requireOperationOptions,
  resetUntilKnown,
  unwrap,
} from "@dbusers/core/adapter";
import { type ActionAnswer, readAction, readActionAnswer } from "./action.ts";
import { type Cloud66Client, type Cloud66ClientOptions, createCloud66Client } from "./client.ts";
import { type Cloud66CreateUserInput, createBody } from "./create-body.ts";
import { type Follower, lostCreate, stillListed, waitFor } from "./follow.ts";
import { type ListedUser, readUserPage } from "./listing.ts";
import { type Cloud66User, passwordOf, READ_ONLY_USER_TYPE } from "./map-user.ts";
import { type Cloud66Operation, cloud66Operation, type Settle } from "./operation.ts";
import { adapterSettings, mutationDeadlineMs, requireActionId, requireName, waitChoice } from "./settings.ts";
import type { Cloud66Action } from "./types.ts";
import { cloud66 } from "./vendor.ts";

const { provider } = cloud66;
const USERS = "/stacks/{stack_id}/server_groups/{server_group_id}/database_users";
const USER = "/stacks/{stack_id}/server_groups/{server_group_id}/database_users/{id}";
const REGENERATE =
  "/stacks/{stack_id}/server_groups/{server_group_id}/database_users/{id}/regenerate_password";
const ACTION = "/stacks/{stack_id}/actions/{id}";
/** Walks of the list a listing or a lookup makes while the list keeps changing under it. */
const MAX_WALKS = 5;

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
  // A waiting mutation's deadline is its wait's time limit and a margin, unless the client or call sets one.
  const mutations = mutationsOf(provider, `${stackId}/${serverGroupId}`, options, {
    deadlineMs: ({ wait }) =>
      mutationDeadlineMs({ ...waitDefaults, ...(typeof wait === "object" ? wait : {}) }),
  });

  /** What bounds a read: the caller's signal, and within a mutation what is left of its deadline. */
  type Reading = { signal?: AbortSignal | undefined; deadlineMs?: number | undefined };

  async function fetchPage(page: number, showPassword: boolean, signal?: AbortSignal, deadlineMs?: number) {
    const query = showPassword ? { page, show_password: true } : { page };
    const result = await client.GET(USERS, { params: { path: group, query }, signal, deadlineMs });
    return unwrap(result, cloud66, readUserPage(page));
  }

  // Lazy: nothing is sent until the loop starts. `totals` collects each page's count of the whole list.
  const walk = (showPassword: boolean, { signal, deadlineMs }: Reading, totals?: Set<number>) =>
    paginateNumbered(
      async (page, pageSignal) => {
        const read = await fetchPage(page, showPassword, pageSignal, deadlineMs);
        totals?.add(read.total);
        return read;
      },
      { provider, key: (entry) => entry.user.id, concurrency: pageConcurrency, signal },
    );

  // The options are checked when iterate() is called, as the other vendors' listings do; the loop
  // still reads nothing before it is first asked for a user.
  function iterate(options?: OperationOptions): AsyncIterable<Cloud66User> {
    const { signal } = requireOperationOptions(options, provider);
    return usersOf(walk(false, { signal }));
  }

  /**
   * Every user. As in find(), a walk during which the list's size changed may have skipped a user or
   * seen one twice (offset pages shift), so it is done again, four times at most; after that, the last walk is
   * the answer. iterate(), which hands users out as it reads them, cannot take one back: it walks once.
   */
  async function list(options?: OperationOptions): Promise<Cloud66User[]> {
    const { signal } = requireOperationOptions(options, provider);
    let users: Cloud66User[] = [];
    for (let walks = 0; walks < MAX_WALKS; walks++) {
      const totals = new Set<number>();
      users = [];
      for await (const entry of walk(false, { signal }, totals)) users.push(entry.user);
      if (totals.size <= 1) break;
    }
    return users;
  }

  /**
   * The first listed user that `matches`, reading no further page than needed. Cloud 66 pages by offset,
   * so a user created or deleted while the pages are read shifts the others between pages and one can be
   * missed: a walk during which the list's size changed proves nothing, and is done again (four times
   * at most); when every walk saw a change, the lookup fails with an `UnavailableError` (try again).
   */
  async function find(
    matches: (user: Cloud66User) => boolean,
    reading: Reading,
    showPassword = false,
  ): Promise<ListedUser | undefined> {
    for (let walks = 0; walks < MAX_WALKS; walks++) {
      const totals = new Set<number>();
      for await (const entry of walk(showPassword, reading, totals)) {
        if (matches(entry.user)) return entry;
      }
      if (totals.size <= 1) return undefined;
    }
    // Not found, but every walk saw the list change: that proves no absence, and saying "not there"
    // would be a guess (a delete taken for done, a NotFoundError for a user that exists).
    throw new UnavailableError(
      `cloud66: the list of database users changed while each of ${MAX_WALKS} walks read it; what it holds is not known`,
      { provider },
    );
  }

  /** The user called `name`, by name only (never by uid: a name may be another user's uid). */
  const named = (name: string, reading: Reading, showPassword = false) =>
    find((user) => user.name === name, reading, showPassword);

  /** The user called `name` (Cloud 66's routes take its uid), or a NotFoundError. */
  async function resolve(name: string, reading: Reading): Promise<Cloud66User> {
    // A miss is confirmed by a second walk before it is a NotFoundError: a user created and another deleted
    // while the pages are read shift a user onto a page already read, with the list's size unchanged.
    const found = (await named(name, reading)) ?? (await named(name, reading));
    if (!found) {
      throw new NotFoundError(
        `cloud66: no database user "${name}" in server group ${serverGroupId} of stack ${stackId}`,
        { provider, status: 404 },
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
      const found = await find(matches, { signal }, true);
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

  const operation = <T>(description: string, answer: ActionAnswer | undefined, settle: Settle<T>) =>
    cloud66Operation({
      description,
      answer,
      pollAction: (id, signal) => getAction(id, { signal }),
      settle,
      defaults: waitDefaults,
    });

  const follower: Follower = { operation, find };

  /** A mutation on core's engine, with the wait its call asks for. */
  function mutate<T>(
    operation: MutationOperation,
    name: unknown,
    options: OperationOptions | undefined,
    body: (run: MutationRun, waiting: false | WaitOptions) => Promise<T>,
  ): Promise<T> {
    return mutations.run(operation, name, options, (run, checked) => body(run, waitChoice(checked.wait)));
  }

  /** Sends a mutation that answers with an action, and reads what the answer says of it. */
  const sending = async (request: Promise<FetchResult<string>>) =>
    unwrap(await request, cloud66, readActionAnswer);

  function create(
    input: Cloud66CreateUserInput,
    options: NoWait,
  ): Promise<Cloud66Operation<UserWithPassword<Cloud66User>>>;
  function create(
    input: Cloud66CreateUserInput,
    options?: OperationOptions,
  ): Promise<UserWithPassword<Cloud66User>>;
  async function create(input: Cloud66CreateUserInput, options?: OperationOptions) {
    return mutate("create", input?.name, options, (run, waiting) => {
      const body = createBody(input);
      const name = body.username;
      const description = `creation of database user "${name}"`;
      // Whether Cloud 66 answered the POST with a 2xx: its action, or its effect, was then followed.
      let accepted = false;
      let recovered: ListedUser | undefined;
      return createUser(provider, run, {
        name,
        readOnly: body.user_type === READ_ONLY_USER_TYPE,
        find: async (call) => (await named(name, call))?.user,
        async send(call) {
          let answer: ActionAnswer | undefined;
          try {
            answer = await sending(
              client.POST(USERS, { params: { path: group }, body, ...call, parseAs: "text" }),
            );
          } catch (error) {
            // A 2xx without the action's id: Cloud 66 queued the creation; it is followed by its effect,
            // the user showing up in the list.
            if (!(error instanceof InvalidResponseError)) throw error;
          }
          accepted = true;
          const settle = settleWithPassword((user) => user.name === name, "creation");
          return waitFor(run, operation(description, answer, settle), waiting, true);
        },
        // Cloud 66 checks the name when the action runs: a user made meanwhile by someone else fails it.
        isNameTaken: (error) =>
          error instanceof OperationFailedError && /already exists/i.test(error.message),
        // A POST that was answered was followed to the wait's limit already; a lost one is followed now.
        recover: async (lost) => {
          recovered = accepted ? undefined : await lostCreate(follower, lost, name, waiting);
          return recovered?.user;
        },
        // Cloud 66 generated the password; the list read with show_password while recovering showed it.
        async claim(user) {
          // recover() found `user` as this listed entry.
          const { listed } = recovered as ListedUser;
          const value = { user, password: passwordOf(listed, "creation") };
          if (waiting !== false) return value;
          return operation(description, undefined, async () => ({ state: "success", value }));
        },
      });
    });
  }

  function resetPassword(
    name: string,
    options: NoWait,
  ): Promise<Cloud66Operation<UserWithPassword<Cloud66User>>>;
  function resetPassword(name: string, options?: OperationOptions): Promise<UserWithPassword<Cloud66User>>;
  async function resetPassword(name: string, options?: OperationOptions) {
    return mutate("resetPassword", name, options, async (run, waiting) => {
      const wanted = requireName(name);
      const user = await run.read("lookup before reset", (call) => resolve(wanted, call));
      const params = { path: { ...group, id: user.id } };
      // A regeneration whose answer was lost may have set a password nobody was told: it is sent again.
      // Stack actions run in order, so the last one's password is the one in place.
      let sends = 0;
      const answer = await resetUntilKnown(run, (call) => {
        sends++;
        return sending(client.POST(REGENERATE, { params, ...call, parseAs: "text" }));
      });
      const settle = settleWithPassword((listed) => listed.id === user.id, "password change");
      const handle = operation(`password change of database user "${user.name}"`, answer, settle);
      return waitFor(run, handle, waiting, sends === 1);
    });
  }

  function deleteNamed(name: string, options: NoWait): Promise<Cloud66Operation<void>>;
  function deleteNamed(name: string, options?: OperationOptions): Promise<void>;
  async function deleteNamed(name: string, options?: OperationOptions) {
    return mutate("delete", name, options, async (run, waiting) => {
      const wanted = requireName(name);
      const description = `deletion of database user "${wanted}"`;
      let sends = 0;
      // The last DELETE's action; none when its answer was lost and the user has left the list since.
      let answer: ActionAnswer | undefined;
      await deleteUser(provider, run, wanted, {
        // Cloud 66's routes take the uid, which a user made later under the same name cannot have.
        immutableId: true,
        find: async (call) => (await named(wanted, call))?.user,
        async send(target, call) {
          sends++;
          answer = undefined;
          // With `immutableId`, the engine sends the user it found.
          const params = { path: { ...group, id: (target as Cloud66User).id } };
          answer = await sending(client.DELETE(USER, { params, ...call, parseAs: "text" }));
        },
        stillThere: (lost, target) => stillListed(follower, lost, target as Cloud66User, waiting),
      });
      return waitFor(run, operation(description, answer, settled), waiting, sends === 1);
    });
  }

  return {
    provider,
    capabilities,
    stackId,
    serverGroupId,
    client,
    list,
    iterate,
    async get(name: string, options?: OperationOptions) {
      const { signal } = requireOperationOptions(options, provider);
      return resolve(requireName(name), { signal });
    },
    create,
    resetPassword,
    // A mutation like the others, so that its refusal says so too: not applied.
    setPassword: (name: string, _password: string | Secret, options?: OperationOptions) =>
      mutate("setPassword", name, options, async () => {
        throw new UnsupportedOperationError(
          "cloud66: passwords cannot be chosen; use resetPassword() to have Cloud 66 generate a new one",
          { provider },
        );
      }),
    delete: deleteNamed,
    getAction,
  };
}

async function* usersOf(entries: AsyncIterable<ListedUser>): AsyncIterable<Cloud66User> {
  for await (const { user } of entries) yield user;
}
