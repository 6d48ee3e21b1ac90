import { bearerCredentials } from "../../framework/credentials.ts";
import type { VendorInstance, VendorModule } from "../../framework/types.ts";
import type { Cloud66Action, Cloud66ActionBehaviour, Cloud66ActionInput } from "./actions.ts";
import { c66ErrorBody, c66ErrorForStatus, c66FrameworkError } from "./errors.ts";
import { cloud66Handlers } from "./handlers.ts";
import {
  type Cloud66Seed,
  type Cloud66ServerGroup,
  type Cloud66ServerGroupInput,
  type Cloud66Stack,
  type Cloud66StackInput,
  Cloud66State,
  type Cloud66User,
  type Cloud66UserInput,
} from "./state.ts";

export type {
  Cloud66Action,
  Cloud66ActionBehaviour,
  Cloud66ActionInput,
  Cloud66ActionName,
} from "./actions.ts";
export { CLOUD66_SHOW_PASSWORD_SCOPE } from "./handlers.ts";
export type {
  Cloud66Database,
  Cloud66Seed,
  Cloud66ServerGroup,
  Cloud66ServerGroupInput,
  Cloud66Stack,
  Cloud66StackInput,
  Cloud66User,
  Cloud66UserInput,
} from "./state.ts";

/** Every scope of Cloud 66's OAuth tokens; the database-user operations check `public` and `admin`. */
export const CLOUD66_SCOPES: readonly string[] = ["public", "redeploy", "jobs", "users", "admin"];

/**
 * Control handle for tests, demos and Pact provider states (`sim.cloud66`). Reads return copies and let
 * the stack's due actions finish first; nothing here is rate-limited, validated against the spec or
 * subject to scripted faults.
 */
export interface Cloud66Control {
  /** Creates a stack with its server groups and their users. */
  addStack(input?: Cloud66StackInput): Cloud66Stack;
  getStack(uid: string): Cloud66Stack | undefined;
  listStacks(): Cloud66Stack[];
  removeStack(uid: string): boolean;
  addServerGroup(stackUid: string, input: Cloud66ServerGroupInput): Cloud66ServerGroup;
  /** Puts a user in place at once (no action), with the API's rules for names; throws on error. */
  addUser(stackUid: string, serverGroupId: number, input: Cloud66UserInput): Cloud66User;
  /** The user called `username`, with its password, or `undefined`. */
  getUser(stackUid: string, serverGroupId: number, username: string): Cloud66User | undefined;
  /** The group's users with their passwords, in the API's order (`[]` for an unknown stack or group). */
  listUsers(stackUid: string, serverGroupId: number): Cloud66User[];
  removeUser(stackUid: string, serverGroupId: number, username: string): boolean;
  /** How the stack's actions progress from now on: polls, age, failure (see `Cloud66ActionBehaviour`). */
  setActionBehaviour(stackUid: string, behaviour: Cloud66ActionBehaviour): void;
  /** Puts an action in a fixed state (queued, running, succeeded or failed) that polls do not change. */
  addAction(stackUid: string, input: Cloud66ActionInput): Cloud66Action;
  /** The stack's actions, oldest first, as the API shows them (`[]` for an unknown stack). */
  listActions(stackUid: string): Cloud66Action[];
  /** Removes every stack (unlike `sim.reset()`, which goes back to the seed). */
  clear(): void;
}

/**
 * The demo seed (`seed: "demo"`): one stack with a MySQL server group (the users and databases of
 * Cloud 66's own examples) and a web server group, which has no databases.
 */
export const CLOUD66_DEMO_SEED: Cloud66Seed = {
  stacks: [
    {
      uid: "5999b763474b0eafa5fafb64bff0ba80",
      name: "demo-stack",
      serverGroups: [
        {
          id: 3817,
          name: "mysql",
          databases: [
            { uid: "db_abc123", name: "app_production" },
            { uid: "db_def456", name: "app_staging" },
          ],
          users: [
            { uid: "user_abc123", username: "app_user", database_ids: ["db_abc123", "db_def456"] },
            {
              uid: "user_def456",
              username: "readonly_user",
              user_type: "readonly",
              database_ids: ["db_abc123"],
            },
          ],
        },
        { id: 3818, name: "web", databaseOperations: false },
      ],
    },
  ],
};

const HOUR = 3_600_000;

/** Cloud 66 API v3: database users and stack actions (specs/cloud66.yaml), served under `/cloud66`. */
export const cloud66: VendorModule<"cloud66", Cloud66Control, Cloud66Seed> = {
  name: "cloud66",
  spec: "cloud66.yaml",
  // The spec's paths are served right under /cloud66 (not /cloud66/api/3), so that `sim.urls.cloud66`
  // is a client's `baseUrl` as it is, like every other vendor's.
  basePath: "",
  // "3,000 requests per user per hour", then `503 throttled` (no 429, no retry hint).
  rateLimit: { limit: 3000, windowMs: HOUR },
  // Both of the spec's schemes (OAuth application token, personal access token) are bearer tokens.
  credentials: bearerCredentials,
  // "A token without any scope has public (read-only) access."
  authenticate: (credential, { tokens }) => (tokens.get(credential)?.length === 0 ? ["public"] : undefined),
  demoSeed: CLOUD66_DEMO_SEED,
  frameworkError: c66FrameworkError,
  errorForStatus: c66ErrorForStatus,
  errorBody: c66ErrorBody,
  // Cloud 66 documents no rate-limit headers.
  rateLimitHeaders: () => ({}),
  rateLimitedHeaders: () => ({}),
  create({ seed }): VendorInstance<Cloud66Control> {
    const state = new Cloud66State();
    const load = (): void => {
      state.clear();
      for (const stack of seed?.stacks ?? []) state.addStack(stack);
    };
    load();
    const control: Cloud66Control = {
      addStack: (input) => state.addStack(input),
      getStack: (uid) => state.getStack(uid),
      listStacks: () => state.listStacks(),
      removeStack: (uid) => state.removeStack(uid),
      addServerGroup: (stackUid, input) => state.addServerGroup(stackUid, input),
      addUser: (stackUid, groupId, input) => state.addUser(stackUid, groupId, input),
      getUser: (stackUid, groupId, username) => state.findUser(stackUid, groupId, username),
      listUsers: (stackUid, groupId) => state.listUsers(stackUid, groupId),
      removeUser: (stackUid, groupId, username) => state.removeUser(stackUid, groupId, username),
      setActionBehaviour: (stackUid, behaviour) => state.setActionBehaviour(stackUid, behaviour),
      addAction: (stackUid, input) => state.putAction(stackUid, input),
      listActions: (stackUid) => state.listActions(stackUid),
      clear: () => state.clear(),
    };
    return { handlers: cloud66Handlers(state), control, reset: load };
  },
};
