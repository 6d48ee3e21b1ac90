import type { OperationContext, OperationHandler } from "../../framework/types.ts";
import { c66Errors } from "./errors.ts";
import type { components } from "./generated/schema.ts";
import { type Cloud66State, type Cloud66User, PAGE_SIZE } from "./state.ts";

type CreateBody = components["schemas"]["database_user_create"];
type ListedUser = components["schemas"]["database_user"];

/** The scope that lets a token see passwords (Cloud 66: "requires edit permissions"). */
export const CLOUD66_SHOW_PASSWORD_SCOPE = "admin";

function param(context: OperationContext, name: string): string {
  return context.params[name] ?? "";
}

/** The user as listed: without its password and hash unless `show_password=true` was asked for. */
function listed(user: Cloud66User, showPassword: boolean): ListedUser {
  if (showPassword) return user;
  const { password: _password, password_hash: _hash, ...rest } = user;
  return rest;
}

/** Handlers for the five operations of specs/cloud66.yaml, keyed by operationId. */
export function cloud66Handlers(state: Cloud66State): Record<string, OperationHandler> {
  const group = (context: OperationContext) =>
    [param(context, "stack_id"), param(context, "server_group_id")] as const;
  // The mutations and the action poll all answer 200 with the action in Cloud 66's envelope.
  const withAction = (action: components["schemas"]["async_action"]) => ({
    status: 200,
    body: { response: action },
  });

  return {
    database_users_list: (context) => {
      const showPassword = context.query.show_password === "true";
      const page = Number(context.query.page ?? "1");
      const found = state.userPage(...group(context), page);
      // The server group and stack are checked first (404/400), then the permission to see passwords.
      if (showPassword && !context.hasScope(CLOUD66_SHOW_PASSWORD_SCOPE)) {
        throw c66Errors.forbidden("Insufficient permissions for show_password");
      }
      return {
        status: 200,
        body: {
          response: found.users.map((user) => listed(user, showPassword)),
          count: found.total,
          pagination: {
            [found.previousPageKey]: page > 1 ? page - 1 : null,
            next: page < found.pages ? page + 1 : null,
            current: page,
            per_page: PAGE_SIZE,
            count: found.total,
            pages: found.pages,
          },
        },
      };
    },

    database_users_create: (context) =>
      withAction(state.queueCreate(...group(context), context.body as CreateBody)),

    database_users_regenerate_password: (context) =>
      withAction(state.queuePasswordChange(...group(context), param(context, "id"))),

    database_users_delete: (context) =>
      withAction(state.queueDelete(...group(context), param(context, "id"))),

    stack_actions_get: (context) =>
      withAction(state.pollAction(param(context, "stack_id"), Number(param(context, "id")))),
  };
}
