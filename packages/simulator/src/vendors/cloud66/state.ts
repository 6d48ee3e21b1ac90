import { createHash, randomBytes, randomInt } from "node:crypto";
import {
  type ActionEffect,
  ActionQueue,
  type Cloud66Action,
  type Cloud66ActionBehaviour,
  type Cloud66ActionInput,
  type Cloud66ActionName,
  DEFAULT_ACTION_BEHAVIOUR,
} from "./actions.ts";
import { c66Errors } from "./errors.ts";
import type { components } from "./generated/schema.ts";

/** A database user as the API returns it with `show_password=true` (the simulator always has both secrets). */
export type Cloud66User = components["schemas"]["database_user"] & {
  password: string;
  password_hash: string;
};

/** A database of a server group: users are granted it by `uid`, and list it by `name`. */
export interface Cloud66Database {
  uid: string;
  name: string;
}

/** The database server a group runs (Cloud 66 runs MySQL and PostgreSQL groups alike). */
export type Cloud66Engine = "mysql" | "postgresql";

export interface Cloud66ServerGroup {
  id: number;
  name: string;
  engine: Cloud66Engine;
  /** `false` for a group without databases (web servers): its database-user operations answer 400. */
  databaseOperations: boolean;
  databases: Cloud66Database[];
  /** The `user_type`s the group accepts. */
  userTypes: string[];
  users: Cloud66User[];
}

export interface Cloud66Stack {
  uid: string;
  name: string;
  serverGroups: Cloud66ServerGroup[];
  actions: Required<Cloud66ActionBehaviour>;
}

/** A user to put straight into a server group (control handle, seeds). */
export interface Cloud66UserInput {
  username: string;
  /** Default: `user_` + 16 random hex digits. */
  uid?: string;
  /** Default `application`. */
  user_type?: string;
  /** UIDs of the group's databases the user can access (default: none). */
  database_ids?: string[];
  /** Default: crypto-random. */
  password?: string;
}

export interface Cloud66ServerGroupInput {
  /** Default: the next free id. */
  id?: number;
  /** Default `mysql-<id>` (`postgresql-<id>` for PostgreSQL). */
  name?: string;
  /** Default `mysql`. */
  engine?: Cloud66Engine;
  /** Default `true`. */
  databaseOperations?: boolean;
  databases?: Cloud66Database[];
  /** Default `["application", "readonly"]`, the two types Cloud 66's examples show. */
  userTypes?: string[];
  users?: Cloud66UserInput[];
}

export interface Cloud66StackInput {
  /** Default: 32 random hex digits, like Cloud 66's stack UIDs. */
  uid?: string;
  /** Default `stack-<first 8 characters of the uid>`. */
  name?: string;
  serverGroups?: Cloud66ServerGroupInput[];
  actions?: Cloud66ActionBehaviour;
  /**
   * The name of the list's previous-page field: `previous` (the endpoint examples, the default) or
   * `prev` (the Pagination model page). Cloud 66's documentation shows both.
   */
  previousPageKey?: "previous" | "prev";
}

export interface Cloud66Seed {
  stacks?: Cloud66StackInput[];
}

/** One page of a server group's users, with the pagination object Cloud 66 sends. */
export interface UserPage {
  users: Cloud66User[];
  total: number;
  pages: number;
  previousPageKey: "previous" | "prev";
}

export const PAGE_SIZE = 30;
const PASSWORD_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const DEFAULT_USER_TYPES = ["application", "readonly"];

/** A crypto-random password in the shape of Cloud 66's example (`Zk8qT3vR9xLw2mNp`). */
function generatePassword(): string {
  let out = "";
  for (let i = 0; i < 16; i++) out += PASSWORD_ALPHABET[randomInt(PASSWORD_ALPHABET.length)];
  return out;
}

/** MySQL's `mysql_native_password` hash: `*` + SHA1(SHA1(password)), upper-case hex. */
function passwordHash(password: string): string {
  const inner = createHash("sha1").update(password).digest();
  return `*${createHash("sha1").update(inner).digest("hex").toUpperCase()}`;
}

interface UserRecord {
  uid: string;
  username: string;
  userType: string;
  databaseUids: string[];
  password: string;
  createdAt: string;
  updatedAt: string;
}

/** A server group as the state keeps it: the users indexed, by uid and by name. */
interface GroupRecord extends Omit<Cloud66ServerGroup, "users"> {
  /** By uid, in creation order (the list's order). */
  users: Map<string, UserRecord>;
  /** Username → uid: names are unique in a group. */
  uids: Map<string, string>;
}

interface StackRecord {
  uid: string;
  name: string;
  groups: Map<number, GroupRecord>;
  actions: ActionQueue;
  behaviour: Required<Cloud66ActionBehaviour>;
  previousPageKey: "previous" | "prev";
}

/**
 * What the API's actions did to a group's users, once they finish: how the real-database layer
 * (real-databases.ts) follows them. The control handle's changes are not reported.
 */
export interface Cloud66UserChanges {
  created(stackUid: string, groupId: number, user: Cloud66User): void;
  passwordChanged(stackUid: string, groupId: number, user: Cloud66User): void;
  deleted(stackUid: string, groupId: number, username: string): void;
}

/** The in-memory state of the Cloud 66 module: stacks, their server groups, users and async actions. */
export class Cloud66State {
  readonly #stacks = new Map<string, StackRecord>();
  #lastGroupId = 3816;
  readonly #changes: Cloud66UserChanges | undefined;

  /** How a new stack's actions progress unless it says otherwise (`startSimulator({ instantActions })`). */
  readonly #actionDefaults: Required<Cloud66ActionBehaviour>;

  constructor(
    changes?: Cloud66UserChanges,
    actionDefaults: Required<Cloud66ActionBehaviour> = DEFAULT_ACTION_BEHAVIOUR,
  ) {
    this.#changes = changes;
    this.#actionDefaults = actionDefaults;
  }

  clear(): void {
    this.#stacks.clear();
    this.#lastGroupId = 3816;
  }

  addStack(input: Cloud66StackInput = {}): Cloud66Stack {
    const uid = input.uid ?? randomBytes(16).toString("hex");
    if (this.#stacks.has(uid)) throw new Error(`stack ${uid} already exists`);
    const record: StackRecord = {
      uid,
      name: input.name ?? `stack-${uid.slice(0, 8)}`,
      groups: new Map(),
      actions: new ActionQueue(),
      behaviour: { ...this.#actionDefaults, ...input.actions },
      previousPageKey: input.previousPageKey ?? "previous",
    };
    this.#stacks.set(uid, record);
    for (const group of input.serverGroups ?? []) this.#insertGroup(record, group);
    return this.#snapshot(record);
  }

  getStack(uid: string): Cloud66Stack | undefined {
    const record = this.#stacks.get(uid);
    return record && this.#snapshot(record);
  }

  listStacks(): Cloud66Stack[] {
    return [...this.#stacks.values()].map((record) => this.#snapshot(record));
  }

  removeStack(uid: string): boolean {
    return this.#stacks.delete(uid);
  }

  addServerGroup(stackUid: string, input: Cloud66ServerGroupInput): Cloud66ServerGroup {
    return this.#groupSnapshot(this.#stack(stackUid), this.#insertGroup(this.#stack(stackUid), input));
  }

  setActionBehaviour(stackUid: string, behaviour: Cloud66ActionBehaviour): void {
    const record = this.#stack(stackUid);
    record.behaviour = { ...record.behaviour, ...behaviour };
  }

  finishActions(stackUid: string): void {
    this.#stack(stackUid).actions.finishPending();
  }

  addUser(stackUid: string, groupId: number, input: Cloud66UserInput): Cloud66User {
    const stack = this.#stack(stackUid);
    const group = this.#group(stack, groupId);
    return this.#userView(stack, group, this.#insertUser(group, input));
  }

  findUser(stackUid: string, groupId: number, username: string): Cloud66User | undefined {
    const found = this.#settledGroup(stackUid, groupId);
    const uid = found?.group.uids.get(username);
    const user = uid === undefined ? undefined : found?.group.users.get(uid);
    return found && user && this.#userView(found.stack, found.group, user);
  }

  /** The group's users, settled (`[]` for an unknown stack or group). */
  listUsers(stackUid: string, groupId: number): Cloud66User[] {
    const found = this.#settledGroup(stackUid, groupId);
    if (!found) return [];
    return [...found.group.users.values()].map((user) => this.#userView(found.stack, found.group, user));
  }

  removeUser(stackUid: string, groupId: number, username: string): boolean {
    const group = this.#stacks.get(stackUid)?.groups.get(groupId);
    const uid = group?.uids.get(username);
    return group !== undefined && uid !== undefined && removeUser(group, uid);
  }

  putAction(stackUid: string, input: Cloud66ActionInput): Cloud66Action {
    return this.#stack(stackUid).actions.put(input);
  }

  listActions(stackUid: string): Cloud66Action[] {
    const stack = this.#stacks.get(stackUid);
    stack?.actions.settle();
    return stack?.actions.list() ?? [];
  }

  // --- The API's side: each call first lets the stack's due actions finish. ---------------------

  /** One page (from 1) of the group's users, settled; throws the API's 404 / 400. */
  userPage(stackUid: string, groupId: string, page: number): UserPage {
    const { stack, group } = this.#databaseGroup(stackUid, groupId);
    const users = [...group.users.values()];
    return {
      users: users
        .slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE)
        .map((user) => this.#userView(stack, group, user)),
      total: users.length,
      pages: Math.ceil(users.length / PAGE_SIZE),
      previousPageKey: stack.previousPageKey,
    };
  }

  /** Checks a create request (400 for what Cloud 66 refuses at once) and queues its action. */
  queueCreate(
    stackUid: string,
    groupId: string,
    body: components["schemas"]["database_user_create"],
  ): Cloud66Action {
    const { stack, group } = this.#databaseGroup(stackUid, groupId);
    checkUsername(body.username);
    const userType = body.user_type ?? "application";
    if (!group.userTypes.includes(userType)) {
      throw c66Errors.badRequest(
        "Invalid user type",
        `User type '${userType}' is not one of the supported types (${group.userTypes.join(", ")})`,
      );
    }
    for (const uid of body.database_ids ?? []) {
      if (!group.databases.some((database) => database.uid === uid)) {
        throw c66Errors.badRequest(
          "Invalid database",
          `Database '${uid}' does not exist in this server group`,
        );
      }
    }
    const input: Cloud66UserInput = {
      username: body.username,
      user_type: userType,
      database_ids: body.database_ids ?? [],
    };
    return this.#queue(stack, "database_user_create", null, () => {
      // Checked when the action runs, as Cloud 66 does on the database server: two queued creates of
      // one name, the second fails.
      if (group.uids.has(input.username)) {
        return { failure: `Database user ${input.username} already exists` };
      }
      const user = this.#insertUser(group, input);
      this.#changes?.created(stack.uid, group.id, this.#userView(stack, group, user));
      return { resourceId: user.uid };
    });
  }

  queuePasswordChange(stackUid: string, groupId: string, uid: string): Cloud66Action {
    const { stack, group } = this.#databaseGroup(stackUid, groupId);
    this.#user(group, uid);
    return this.#queue(stack, "database_user_password_change", uid, () => {
      const user = group.users.get(uid);
      if (!user) return { failure: `Database user ${uid} no longer exists` };
      user.password = generatePassword();
      user.updatedAt = new Date().toISOString();
      this.#changes?.passwordChanged(stack.uid, group.id, this.#userView(stack, group, user));
      return { resourceId: uid };
    });
  }

  queueDelete(stackUid: string, groupId: string, uid: string): Cloud66Action {
    const { stack, group } = this.#databaseGroup(stackUid, groupId);
    this.#user(group, uid);
    return this.#queue(stack, "database_user_delete", uid, () => {
      const username = group.users.get(uid)?.username;
      if (username === undefined || !removeUser(group, uid)) {
        return { failure: `Database user ${uid} no longer exists` };
      }
      this.#changes?.deleted(stack.uid, group.id, username);
      return { resourceId: uid };
    });
  }

  /** A poll of an action of the stack; throws the API's 404. */
  pollAction(stackUid: string, actionId: number): Cloud66Action {
    const action = this.#stack404(stackUid).actions.poll(actionId);
    if (!action) throw c66Errors.notFound("Action");
    return action;
  }

  // --- Internals ------------------------------------------------------------------------------------

  #queue(
    stack: StackRecord,
    name: Cloud66ActionName,
    resourceId: string | null,
    effect: ActionEffect,
  ): Cloud66Action {
    return stack.actions.queue(name, resourceId, stack.behaviour, effect);
  }

  /** The stack and group for the control handle's reads, settled; `undefined` when either is absent. */
  #settledGroup(stackUid: string, groupId: number): { stack: StackRecord; group: GroupRecord } | undefined {
    const stack = this.#stacks.get(stackUid);
    const group = stack?.groups.get(groupId);
    if (!stack || !group) return undefined;
    stack.actions.settle();
    return { stack, group };
  }

  /** The stack for the control handle (an Error, not an API answer, when absent). */
  #stack(uid: string): StackRecord {
    const record = this.#stacks.get(uid);
    if (!record) throw new Error(`no Cloud 66 stack ${uid} in the simulator`);
    return record;
  }

  #group(stack: StackRecord, id: number): GroupRecord {
    const group = stack.groups.get(id);
    if (!group) throw new Error(`no server group ${id} in Cloud 66 stack ${stack.uid}`);
    return group;
  }

  /** The stack, settled, or the API's 404. */
  #stack404(uid: string): StackRecord {
    const stack = this.#stacks.get(uid);
    if (!stack) throw c66Errors.notFound("Stack");
    stack.actions.settle();
    return stack;
  }

  /** The stack and a server group that runs databases, or the API's 404 / 400. */
  #databaseGroup(stackUid: string, groupId: string): { stack: StackRecord; group: GroupRecord } {
    const stack = this.#stack404(stackUid);
    const group = /^[1-9]\d*$/.test(groupId) ? stack.groups.get(Number(groupId)) : undefined;
    if (!group) throw c66Errors.notFound("Server group");
    if (!group.databaseOperations) throw c66Errors.noDatabaseOperations();
    return { stack, group };
  }

  #user(group: GroupRecord, uid: string): UserRecord {
    const user = group.users.get(uid);
    if (!user) throw c66Errors.notFound("Database user");
    return user;
  }

  #insertGroup(stack: StackRecord, input: Cloud66ServerGroupInput): GroupRecord {
    const id = input.id ?? ++this.#lastGroupId;
    if (!Number.isInteger(id) || id < 1)
      throw new TypeError(`server group id must be a positive integer, got ${id}`);
    if (stack.groups.has(id)) throw new Error(`server group ${id} already exists in stack ${stack.uid}`);
    this.#lastGroupId = Math.max(this.#lastGroupId, id);
    const engine = input.engine ?? "mysql";
    const group: GroupRecord = {
      id,
      name: input.name ?? `${engine}-${id}`,
      engine,
      databaseOperations: input.databaseOperations ?? true,
      databases: (input.databases ?? []).map((database) => ({ ...database })),
      userTypes: [...(input.userTypes ?? DEFAULT_USER_TYPES)],
      users: new Map(),
      uids: new Map(),
    };
    stack.groups.set(id, group);
    for (const user of input.users ?? []) this.#insertUser(group, user);
    return group;
  }

  /** Puts a user in place with the API's rules for names, types and databases; throws on a violation. */
  #insertUser(group: GroupRecord, input: Cloud66UserInput): UserRecord {
    checkUsername(input.username);
    if (group.uids.has(input.username)) {
      throw new Error(`database user ${input.username} already exists in server group ${group.id}`);
    }
    const uid = input.uid ?? `user_${randomBytes(8).toString("hex")}`;
    if (group.users.has(uid)) throw new Error(`database user uid ${uid} is taken`);
    const now = new Date().toISOString();
    const user: UserRecord = {
      uid,
      username: input.username,
      userType: input.user_type ?? "application",
      databaseUids: [...(input.database_ids ?? [])],
      password: input.password ?? generatePassword(),
      createdAt: now,
      updatedAt: now,
    };
    group.users.set(uid, user);
    group.uids.set(user.username, uid);
    return user;
  }

  /** The user with every field of both documented forms (list example and DatabaseUser model). */
  #userView(stack: StackRecord, group: GroupRecord, user: UserRecord): Cloud66User {
    return {
      uid: user.uid,
      username: user.username,
      user_type: user.userType,
      // Granted by uid, listed by name, as in Cloud 66's examples.
      databases: user.databaseUids.map(
        (uid) => group.databases.find((database) => database.uid === uid)?.name ?? uid,
      ),
      stack_uid: stack.uid,
      server_group_id: group.id,
      host: `${group.name}.${stack.uid.slice(0, 8)}.c66.internal`,
      password: user.password,
      password_hash: passwordHash(user.password),
      created_at: user.createdAt,
      created_at_iso: user.createdAt,
      updated_at_iso: user.updatedAt,
    };
  }

  #groupSnapshot(stack: StackRecord, group: GroupRecord): Cloud66ServerGroup {
    return {
      id: group.id,
      name: group.name,
      engine: group.engine,
      databaseOperations: group.databaseOperations,
      databases: group.databases.map((database) => ({ ...database })),
      userTypes: [...group.userTypes],
      users: [...group.users.values()].map((user) => this.#userView(stack, group, user)),
    };
  }

  #snapshot(stack: StackRecord): Cloud66Stack {
    stack.actions.settle();
    return {
      uid: stack.uid,
      name: stack.name,
      serverGroups: [...stack.groups.values()].map((group) => this.#groupSnapshot(stack, group)),
      actions: { ...stack.behaviour },
    };
  }
}

/** Cloud 66's 400 for a name the database server would refuse (its own example: spaces). */
function checkUsername(username: string): void {
  if (/[\s\p{Cc}]/u.test(username)) {
    throw c66Errors.badRequest(
      "Invalid username",
      `Username '${username}' contains characters that are not allowed`,
    );
  }
}

function removeUser(group: GroupRecord, uid: string): boolean {
  const user = group.users.get(uid);
  if (!user) return false;
  group.users.delete(uid);
  group.uids.delete(user.username);
  return true;
}
