import type { CreateUserInput, DatabaseUsers, Logger, RetryOptions, ThrottleOptions } from "@dbusers/core";
import type { FaultOptions, Simulator, SimulatorOptions } from "@dbusers/simulator";

/** What the suite sets on every adapter it builds; the fixture passes it through and adds the rest. */
export interface AdapterOverrides {
  fetch: typeof fetch;
  retry?: RetryOptions | false;
  throttle?: ThrottleOptions | false;
  timeoutMs?: number;
  deadlineMs?: number;
  logger?: Logger;
}

/** The simulator's operationIds behind each operation of the interface, for targeted faults. */
export interface ConformanceOperations {
  list: string;
  create: string;
  resetPassword: string;
  delete: string;
  /** The vendor's get; absent where `get` lists and filters. */
  get?: string;
  /** Where the vendor sets a chosen password. */
  setPassword?: string;
}

/** Vendor-specific ways to spoil a real list answer (the body as the vendor sent it). */
export interface ListCorruptions {
  /** The list of users replaced by something that is not a list. */
  notAList(body: unknown): unknown;
  /** One user left without its name. */
  userWithoutName(body: unknown): unknown;
  /** Every user with `fields` added: what a vendor may send beyond its spec. */
  extraFields(body: unknown, fields: Record<string, unknown>): unknown;
}

/** A vendor answer whose shape the spec only guesses (`x-dbusers-unverified`), and a call that meets it. */
export interface GuessedAnswer {
  /** Shown in the test name, e.g. `"grantPrivileges answered {}"`. */
  name: string;
  /** Which request's answer is the guess: its method and path. */
  method: string;
  path: RegExp;
  /** The 2xx body to answer with instead of the real one. */
  body: string;
  /** The call, on an existing user `name`. */
  call(users: DatabaseUsers, name: string): Promise<unknown>;
}

/** One isolated place (a cluster, a database, an account) on the simulator, fresh for each call. */
export interface ConformanceScope {
  /** The real adapter for this scope, built with `overrides` on top of the fixture's defaults. */
  users(overrides: AdapterOverrides): DatabaseUsers;
  /** A valid user name nobody has used in this scope. */
  newName(): string;
  /** Puts users straight into the simulator's state, as another client of the vendor would make them. */
  seedUsers(names: readonly string[]): void;
  /** Puts a read-only user straight into the simulator's state; only where the vendor has read-only users. */
  seedReadOnlyUser?(name: string): void;
  /**
   * A user the vendor makes with the place and marks primary or protected (DigitalOcean's `doadmin`,
   * Scalingo's owner), which no call of ours may take over; absent where the vendor has none.
   */
  protectedName?: string;
  /** The user names the simulator holds now, in the order the vendor lists them. */
  storedNames(): string[];
  /** The password the simulator holds for `name`: proof that a returned password works. */
  storedPassword(name: string): string | undefined;
  /** Whether the simulator holds `name` as a read-only user. */
  storedReadOnly(name: string): boolean | undefined;
}

/** How one adapter plugs into `describeDatabaseUsers`. Vendor differences live here, not in the suite. */
export interface ConformanceFixture {
  /** Shown in the test names, e.g. `"DigitalOcean (PostgreSQL cluster)"`. */
  name: string;
  /** The simulator's name for the vendor (its URL prefix and fault filter). */
  vendor: string;
  /** Options for the suite's simulator (tokens, …). */
  simulator?: SimulatorOptions;
  /** The credential the adapters send; the suite checks it never leaks. */
  token: string;
  operations: ConformanceOperations;
  /** The fault that means "slow down" on this vendor (a 429, Cloud66's `503 throttled`). */
  throttle: FaultOptions;
  /**
   * Whether the throttling answer says how long to wait (`retry-after` or a rate-limit reset header).
   * Default `true`. Where it does not (Scalingo's plain-text 429), the client waits its own backoff,
   * which the abort test lengthens instead.
   */
  throttleRetryHint?: boolean;
  /** Names the vendor's rules refuse; each must fail with a ValidationError before any request. */
  invalidNames: readonly string[];
  /**
   * Names refused for new users only, by rules that existing users may break (Scalingo's name rules
   * date from 2024, and its protected owner users break them): `create` must refuse each before any
   * request. Optional.
   */
  invalidNewNames?: readonly string[];
  /** A chosen password the vendor accepts (only used where `capabilities.setPassword`). */
  validPassword?: string;
  /** Passwords the vendor's rules refuse (only where `setPassword`); each fails before any request. */
  invalidPasswords?: readonly string[];
  /**
   * Passwords only a guessed rule refuses (HostUp documents none for database users): the adapter leaves
   * them to the vendor, whose refusal, if any, is a ValidationError. Only where `setPassword`.
   */
  guessedRulePasswords?: readonly string[];
  /** Answers whose shape is a guess: a 2xx with another body must still be success. */
  guessedAnswers?: readonly GuessedAnswer[];
  /**
   * An answer the vendor documents as permanent although its status looks temporary (Cloud66's
   * `503 not_implemented`): not retried, an UnsupportedOperationError.
   */
  permanentAnswer?: { status: number; body: unknown };
  /** Create input for `databases`, where the vendor supports it. */
  databasesInput?: Pick<CreateUserInput, "databases">;
  listCorruptions: ListCorruptions;
  /**
   * Whether each user has an id of the vendor's own that a new user of the same name does not share
   * (HostUp's `dbu_…`, Cloud66's uid): what lets a delete address only the user it meant. Default `false`.
   */
  immutableIds?: boolean;
  /** How many users the pagination test lists (more than a page, where the vendor pages). */
  manyUsers: number;
  scope(sim: Simulator): ConformanceScope | Promise<ConformanceScope>;
}
