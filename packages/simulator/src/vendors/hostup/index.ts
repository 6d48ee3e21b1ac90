import type { RateLimitStatus, VendorInstance, VendorModule } from "../../framework/types.ts";
import { hostupErrorBody, hostupErrorForStatus, hostupFrameworkError } from "./errors.ts";
import { hostupHandlers } from "./handlers.ts";
import {
  type HostUpAccount,
  type HostUpAccountInput,
  type HostUpSeed,
  HostUpState,
  type HostUpUser,
  type HostUpUserInput,
} from "./state.ts";

export type {
  HostUpAccount,
  HostUpAccountInput,
  HostUpPrivilege,
  HostUpSeed,
  HostUpUser,
  HostUpUserInput,
} from "./state.ts";

/** Every scope the HostUp module checks (from the spec's security requirements). */
export const HOSTUP_SCOPES: readonly string[] = ["read:hosting", "write:hosting", "console:services"];

/**
 * Control handle for tests, demos and Pact provider states (`sim.hostup`). Users are looked up by
 * their `dbu_…` id or their name, as the API does. Reads return copies; nothing here is rate-limited,
 * validated against the spec or subject to scripted faults.
 */
export interface HostUpControl {
  /** Creates a shared-hosting account with its MySQL databases and users. */
  addAccount(input?: HostUpAccountInput): HostUpAccount;
  getAccount(id: string): HostUpAccount | undefined;
  listAccounts(): HostUpAccount[];
  removeAccount(id: string): boolean;
  /** Adds a user (any name, as users made in cPanel may have); throws on a taken name or an unknown database. */
  addUser(accountId: string, input: HostUpUserInput): HostUpUser;
  /** The user (by id or name) with its password and its privileges per database, or `undefined`. */
  getUser(accountId: string, user: string): HostUpUser | undefined;
  /** The account's users with passwords and privileges (`[]` for an unknown account). */
  listUsers(accountId: string): HostUpUser[];
  /** Removes a user (by id or name); `false` if there was none. */
  removeUser(accountId: string, user: string): boolean;
  /** Removes every account (unlike `sim.reset()`, which goes back to the seed). */
  clear(): void;
}

/**
 * The demo seed (`seed: "demo"`): the account, users and database of HostUp's own examples, with
 * fixed ids; passwords are crypto-random.
 */
export const HOSTUP_DEMO_SEED: HostUpSeed = {
  accounts: [
    {
      id: "acct_01hxa3b4c5d6e7f8g9h0j1k2m3",
      databases: ["abcde_wp_example", "abcde_shop"],
      users: [
        {
          id: "dbu_01hxa3b4c5d6e7f8g9h0j1k2m3",
          username: "appuser",
          privileges: { abcde_wp_example: ["SELECT", "INSERT", "UPDATE"] },
        },
        {
          id: "dbu_01hxb7q2w9e4r5t6y7u8i9o0p1",
          username: "wp_reader",
          privileges: { abcde_wp_example: ["SELECT"] },
        },
      ],
    },
  ],
};

/**
 * HostUp's shared-hosting MySQL database users (specs/hostup.yaml), served under `/hostup`. The
 * prefix stands for the whole server URL (`https://cloud.hostup.se/api/v2`), so that `sim.urls.hostup`
 * is a client's `baseUrl` as it is.
 */
export const hostup: VendorModule<"hostup", HostUpControl, HostUpSeed> = {
  name: "hostup",
  spec: "hostup.yaml",
  basePath: "",
  // HostUp publishes no number; 120 per minute per API key is the spec's `X-RateLimit-Limit` example.
  rateLimit: { limit: 120, windowMs: 60_000 },
  demoSeed: HOSTUP_DEMO_SEED,
  frameworkError: hostupFrameworkError,
  errorForStatus: hostupErrorForStatus,
  errorBody: hostupErrorBody,
  // HostUp documents its rate-limit headers on 429 answers only.
  rateLimitHeaders: () => ({}),
  rateLimitedHeaders: rateLimitedHeaders,
  create({ seed }): VendorInstance<HostUpControl> {
    const state = new HostUpState();
    const load = (): void => {
      state.clear();
      for (const account of seed?.accounts ?? []) state.addAccount(account);
    };
    load();
    const control: HostUpControl = {
      addAccount: (input) => state.addAccount(input),
      getAccount: (id) => state.getAccount(id),
      listAccounts: () => state.listAccounts(),
      removeAccount: (id) => state.removeAccount(id),
      addUser: (accountId, input) => state.addUser(accountId, input),
      getUser: (accountId, user) => state.findUser(accountId, user),
      listUsers: (accountId) => state.getAccount(accountId)?.users ?? [],
      removeUser: (accountId, user) => state.removeUser(accountId, user),
      clear: () => state.clear(),
    };
    return { handlers: hostupHandlers(state), control, reset: load };
  },
};

/**
 * `Retry-After` (whole seconds, rounded up) and `X-RateLimit-*` on a 429. The simulator's window slides
 * (each request frees its slot `windowMs` after it was made), so `X-RateLimit-Reset`, "when the active
 * window resets", is when the refusing window frees a slot: the earliest moment a retry can pass.
 */
function rateLimitedHeaders(status: RateLimitStatus): Record<string, string> {
  const waitMs = Math.max(0, status.retryAfterMs ?? status.resetAtMs - Date.now());
  return {
    "retry-after": String(Math.ceil(waitMs / 1000)),
    "x-ratelimit-limit": String(status.limit),
    "x-ratelimit-remaining": "0",
    "x-ratelimit-reset": new Date(Date.now() + waitMs).toISOString(),
  };
}
