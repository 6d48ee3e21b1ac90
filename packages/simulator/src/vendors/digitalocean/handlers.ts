import type { OperationContext, OperationHandler } from "../../framework/types.ts";
import type { components } from "./generated/schema.ts";
import type {
  DigitalOceanState,
  DigitalOceanUser,
  DigitalOceanUserInput,
  DigitalOceanUserSettings,
} from "./state.ts";

// The request bodies, as the spec declares them (already validated against it by the framework).
type AddUserBody = components["schemas"]["database_user_create"];
type UpdateUserBody = components["schemas"]["database_user_update"];
type ResetAuthBody = components["schemas"]["database_user_reset_auth"];

type MaybePromise<T> = T | Promise<T>;

/**
 * What the handlers do to users: the in-memory state's methods, or `RealDatabaseUsers`, which also
 * carries each change out on a real server.
 */
export interface DigitalOceanUserOperations {
  listUsers(clusterId: string): MaybePromise<DigitalOceanUser[]>;
  getUser(clusterId: string, name: string): MaybePromise<DigitalOceanUser>;
  addUser(clusterId: string, input: DigitalOceanUserInput): MaybePromise<DigitalOceanUser>;
  updateUser(
    clusterId: string,
    name: string,
    settings: DigitalOceanUserSettings,
  ): MaybePromise<DigitalOceanUser>;
  resetAuth(
    clusterId: string,
    name: string,
    mysqlSettings: Parameters<DigitalOceanState["resetAuth"]>[2],
  ): MaybePromise<DigitalOceanUser>;
  deleteUser(clusterId: string, name: string): MaybePromise<void>;
}

/** The scope without which `password` is left out of every response. */
export const VIEW_CREDENTIALS_SCOPE = "database:view_credentials";

/** The user as this token may see it: without `password` unless it has `database:view_credentials`. */
function visible(user: DigitalOceanUser, context: OperationContext): Partial<DigitalOceanUser> {
  if (context.hasScope(VIEW_CREDENTIALS_SCOPE)) return user;
  const { password: _password, ...rest } = user;
  return rest;
}

function param(context: OperationContext, name: string): string {
  return context.params[name] ?? "";
}

/** Handlers for the six operations of specs/digitalocean.yaml, keyed by operationId. */
export function digitalOceanHandlers(users: DigitalOceanUserOperations): Record<string, OperationHandler> {
  return {
    databases_list_users: async (context) => ({
      status: 200,
      body: {
        users: (await users.listUsers(param(context, "database_cluster_uuid"))).map((u) =>
          visible(u, context),
        ),
      },
    }),

    databases_add_user: async (context) => {
      // `role`, `password` and the Kafka credentials are readOnly: the API ignores them in a request.
      const { name, mysql_settings, settings, readonly } = context.body as AddUserBody;
      const user = await users.addUser(param(context, "database_cluster_uuid"), {
        name,
        ...(mysql_settings === undefined ? {} : { mysql_settings }),
        ...(settings === undefined ? {} : { settings }),
        ...(readonly === undefined ? {} : { readonly }),
      });
      return { status: 201, body: { user: visible(user, context) } };
    },

    databases_get_user: async (context) => {
      const user = await users.getUser(param(context, "database_cluster_uuid"), param(context, "username"));
      return { status: 200, body: { user: visible(user, context) } };
    },

    // DigitalOcean documents 201 for this PUT (see the spec); the simulator answers like the real API.
    databases_update_user: async (context) => {
      const { settings } = context.body as UpdateUserBody;
      const user = await users.updateUser(
        param(context, "database_cluster_uuid"),
        param(context, "username"),
        settings,
      );
      return { status: 201, body: { user: visible(user, context) } };
    },

    databases_delete_user: async (context) => {
      await users.deleteUser(param(context, "database_cluster_uuid"), param(context, "username"));
      return { status: 204 };
    },

    databases_reset_auth: async (context) => {
      const body = (context.body ?? {}) as ResetAuthBody;
      const user = await users.resetAuth(
        param(context, "database_cluster_uuid"),
        param(context, "username"),
        body.mysql_settings,
      );
      return { status: 200, body: { user: visible(user, context) } };
    },
  };
}
