import type { OperationContext, OperationHandler } from "../../framework/types.ts";
import type { components } from "./generated/schema.ts";
import type { HostUpUserOperations } from "./real-databases.ts";

// The request bodies, as the spec declares them (already validated against it by the framework).
type CreateBody = components["schemas"]["database_user_create"];
type PasswordBody = components["schemas"]["database_user_password_reset"];
type GrantBody = components["schemas"]["database_privileges_grant"];
type RevokeBody = components["schemas"]["database_privileges_revoke"];

/** The path parameters every route has: the account, and for user routes the user (id or name). */
function target(context: OperationContext): { accountId: string; user: string } {
  return { accountId: context.params.accountId ?? "", user: context.params.username ?? "" };
}

/**
 * Handlers for the six operations of specs/hostup.yaml, keyed by operationId. Where the spec accepts
 * two answers (an unverified guess), the simulator gives the one the spec expects: the user (200) for a
 * password change, the privileges (200) for a grant, no body (204) for a revoke.
 */
export function hostupHandlers(users: HostUpUserOperations): Record<string, OperationHandler> {
  return {
    list_database_users: async (context) => ({
      status: 200,
      body: { databaseUsers: await users.listUsers(target(context).accountId) },
    }),

    create_database_user: async (context) => {
      const { username, password } = context.body as CreateBody;
      return { status: 201, body: await users.createUser(target(context).accountId, username, password) };
    },

    delete_database_user: async (context) => {
      const { accountId, user } = target(context);
      await users.deleteUser(accountId, user);
      return { status: 204 };
    },

    reset_database_user_password: async (context) => {
      const { accountId, user } = target(context);
      const { newPassword } = context.body as PasswordBody;
      return { status: 200, body: await users.setPassword(accountId, user, newPassword) };
    },

    grant_database_privileges: async (context) => {
      const { accountId, user } = target(context);
      const { database, privileges } = context.body as GrantBody;
      return { status: 200, body: await users.grant(accountId, user, database, privileges) };
    },

    revoke_database_privileges: async (context) => {
      const { accountId, user } = target(context);
      const { database, privileges } = context.body as RevokeBody;
      await users.revoke(accountId, user, database, privileges);
      return { status: 204 };
    },
  };
}
