// `sim.cloud66`: the control handle. It is synchronous (tests, demos and Pact provider states call it
// without waiting): on a server group with a real server it changes the state at once and starts the same
// change on the server, which `connection()` waits for.
import type { RealClusters } from "../../databases/real-clusters.ts";
import type { DatabaseConnection } from "../../databases/types.ts";
import type { Cloud66Action, Cloud66ActionBehaviour, Cloud66ActionInput } from "./actions.ts";
import { addRealGroup, createLogin, groupKey } from "./real-databases.ts";
import type {
  Cloud66ServerGroup,
  Cloud66ServerGroupInput,
  Cloud66Stack,
  Cloud66StackInput,
  Cloud66State,
  Cloud66User,
  Cloud66UserInput,
} from "./state.ts";

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
  /**
   * Finishes the stack's unfinished actions now, in order, whatever their behaviour: a test decides when
   * Cloud 66's workers catch up (fixed actions put by `addAction` stay as they are).
   */
  finishActions(stackUid: string): void;
  /** Puts an action in a fixed state (queued, running, succeeded or failed) that polls do not change. */
  addAction(stackUid: string, input: Cloud66ActionInput): Cloud66Action;
  /** The stack's actions, oldest first, as the API shows them (`[]` for an unknown stack). */
  listActions(stackUid: string): Cloud66Action[];
  /** Removes every stack (unlike `sim.reset()`, which goes back to the seed). */
  clear(): void;
  /**
   * Where user `username` of a server group on a real server (`startSimulator({ databases })`, groups
   * with databases) logs in to `database` (its name): pass it to `mysql2` or `pg` with the user's
   * password. Waits for the group's pending changes; rejects for a group kept in memory.
   */
  connection(
    stackUid: string,
    serverGroupId: number,
    username: string,
    database: string,
  ): Promise<DatabaseConnection>;
}

export function cloud66Control(state: Cloud66State, real: RealClusters): Cloud66Control {
  const removeRealGroups = (stackUid: string): void => {
    for (const group of state.getStack(stackUid)?.serverGroups ?? [])
      real.remove(groupKey(stackUid, group.id));
  };
  return {
    addStack: (input) => {
      const stack = state.addStack(input);
      for (const group of stack.serverGroups) addRealGroup(real, stack.uid, group);
      return stack;
    },
    getStack: (uid) => state.getStack(uid),
    listStacks: () => state.listStacks(),
    removeStack: (uid) => {
      removeRealGroups(uid);
      return state.removeStack(uid);
    },
    addServerGroup: (stackUid, input) => {
      const group = state.addServerGroup(stackUid, input);
      addRealGroup(real, stackUid, group);
      return group;
    },
    addUser: (stackUid, groupId, input) => {
      const user = state.addUser(stackUid, groupId, input);
      const key = groupKey(stackUid, groupId);
      if (real.has(key)) {
        // A user the server refuses is taken back from the state.
        real.later(
          key,
          (cluster) => createLogin(cluster, user),
          () => state.removeUser(stackUid, groupId, user.username),
        );
      }
      return user;
    },
    getUser: (stackUid, groupId, username) => state.findUser(stackUid, groupId, username),
    listUsers: (stackUid, groupId) => state.listUsers(stackUid, groupId),
    removeUser: (stackUid, groupId, username) => {
      const removed = state.removeUser(stackUid, groupId, username);
      const key = groupKey(stackUid, groupId);
      if (removed && real.has(key)) real.later(key, (cluster) => cluster.dropUser(username));
      return removed;
    },
    setActionBehaviour: (stackUid, behaviour) => state.setActionBehaviour(stackUid, behaviour),
    finishActions: (stackUid) => state.finishActions(stackUid),
    addAction: (stackUid, input) => state.putAction(stackUid, input),
    listActions: (stackUid) => state.listActions(stackUid),
    clear: () => {
      real.clear();
      state.clear();
    },
    connection: async (stackUid, groupId, username, database) => {
      const key = groupKey(stackUid, groupId);
      if (!real.has(key)) {
        throw new Error(
          `Cloud 66 server group ${groupId} of stack ${stackUid} is kept in memory: only groups with databases, of a simulator started with databases for their engine, are on a real server`,
        );
      }
      // Actions due by now finish first (they may change users), then the server catches up.
      state.listUsers(stackUid, groupId);
      return real.run(key, async (cluster) => cluster.connection(username, database));
    },
  };
}
