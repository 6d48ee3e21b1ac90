import type { OperationContext, OperationHandler } from "../../framework/types.ts";
import type { components } from "./generated/schema.ts";
import type { HostUpState } from "./state.ts";

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
export function hostupHandlers(state: HostUpState): Record<string, OperationHandler> {
  return {
    list_database_users: (context) => ({
      status: 200,
      body: { databaseUsers: state.listUsers(target(context).accountId) },
    }),

    create_database_user: (context) => {
      const { username, password } = context.body as CreateBody;
      return { status: 201, body: state.createUser(target(context).accountId, username, password) };
    },

    delete_database_user: (context) => {
      const { accountId, user } = target(context);
      state.deleteUser(accountId, user);
      return { status: 204 };
    },

    reset_database_user_password: (context) => {
      const { accountId, user } = target(context);
      const { newPassword } = context.body as PasswordBody;
      return { status: 200, body: state.setPassword(accountId, user, newPassword) };
    },

    grant_database_privileges: (context) => {
      const { accountId, user } = target(context);
      const { database, privileges } = context.body as GrantBody;
      return { status: 200, body: state.grant(accountId, user, database, privileges) };
    },

    revoke_database_privileges: (context) => {
      const { accountId, user } = target(context);
      const { database, privileges } = context.body as RevokeBody;
      state.revoke(accountId, user, database, privileges);
      return { status: 204 };
    },
  };
}
