import type { RateLimitStatus, VendorInstance, VendorModule } from "../../framework/types.ts";
import { type HostUpControl, hostupControl } from "./control.ts";
import { hostupErrorBody, hostupErrorForStatus, hostupFrameworkError } from "./errors.ts";
import { hostupHandlers } from "./handlers.ts";
import { RealHostUpUsers } from "./real-databases.ts";
import { type HostUpSeed, HostUpState } from "./state.ts";
import { hostupTargets } from "./targets.ts";

export type { HostUpControl } from "./control.ts";

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
  targets: hostupTargets,
  create({ seed, databases }): VendorInstance<HostUpControl> {
    const state = new HostUpState();
    const control = hostupControl(state, databases);
    // Through the control handle, so that seeded accounts get their real databases too.
    const load = (): void => {
      control.clear();
      for (const account of seed?.accounts ?? []) control.addAccount(account);
    };
    load();
    return { handlers: hostupHandlers(new RealHostUpUsers(state, databases)), control, reset: load };
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
