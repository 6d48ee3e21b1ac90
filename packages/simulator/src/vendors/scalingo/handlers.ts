import type { OperationContext, OperationHandler, SimulatorResponse } from "../../framework/types.ts";
import { scalingoErrors } from "./errors.ts";
import type { components, Readable } from "./generated/schema.ts";
import type { ScalingoUserOperations } from "./real-databases.ts";
import type { ScalingoEngine, ScalingoState, ScalingoUser } from "./state.ts";
import type { TokenIssuer } from "./tokens.ts";

// The request bodies, as the spec declares them (already validated against it by the framework).
type Schemas = components["schemas"];
type CreateBody = Schemas["database_user_create_body"];
type UpdateBody = Schemas["database_user_update_body"];
type ShownUser = Readable<Schemas["database_user"]>;

const PROVIDER_NAMES: Record<ScalingoEngine, string> = {
  postgresql: "PostgreSQL",
  mysql: "MySQL",
  mongodb: "MongoDB",
  influxdb: "InfluxDB",
};

function param(context: OperationContext, name: string): string {
  return context.params[name] ?? "";
}

/** The user as the API shows it: `password` only where the operation hands it out. */
function shown(user: ScalingoUser, withPassword: boolean): ShownUser {
  const { password, ...rest } = user;
  return withPassword ? { ...rest, password } : rest;
}

/**
 * The `database_id` of a body must name the database of the path: its addon id (what the clients
 * send) or its resource name (what the documentation's update example sends).
 */
function checkBodyDatabase(state: ScalingoState, context: OperationContext, given: string | undefined): void {
  const database = state.getDatabase(param(context, "database_id"));
  if (!database) throw scalingoErrors.notFound("database");
  // Optional in a create body (nothing shows Scalingo requires it); one that is sent must match the URL.
  if (given !== undefined && given !== database.id && given !== database.name) {
    throw scalingoErrors.unprocessable({ database_id: ["does not match the database of the URL"] });
  }
}

/** Password and confirmation must be equal; JSON Schema cannot say so, the API does (422). */
function checkConfirmation(
  password: string | null | undefined,
  confirmation: string | null | undefined,
): void {
  if (password !== confirmation) {
    throw scalingoErrors.unprocessable({ password_confirmation: ["doesn't match password"] });
  }
}

/** Handlers for the seven operations of specs/scalingo.yaml, keyed by operationId. */
export function scalingoHandlers(
  state: ScalingoState,
  users: ScalingoUserOperations,
  issuer: TokenIssuer,
): Record<string, OperationHandler> {
  /** Create, update and reset answer one user, rooted (as Scalingo's clients read it) or bare. */
  const userAnswer = (status: number, user: ShownUser): SimulatorResponse => ({
    status,
    body: state.userShape === "bare" ? user : { database_user: user },
  });

  const handlers: Record<string, OperationHandler> = {
    // Authenticated by the API token (HTTP Basic, empty user); mints the one-hour bearer.
    token_exchange: (context) => ({
      status: 200,
      body: { token: issuer.mint("bearer", issuer.subjectOf(context.credential ?? "")) },
    }),

    addon_token: (context) => {
      const addon = state.addon(param(context, "app_id"), param(context, "addon_id"));
      const token = issuer.mint("addon", issuer.subjectOf(context.credential ?? ""), addon.id);
      return {
        status: 200,
        body: {
          addon: {
            id: addon.id,
            app_id: addon.appId,
            resource_id: addon.name,
            status: "running",
            addon_provider: { id: addon.engine, name: PROVIDER_NAMES[addon.engine] },
            token,
          },
        },
      };
    },

    database_list_users: async (context) => ({
      status: 200,
      body: {
        "database-users": (await users.listUsers(param(context, "database_id"))).map((user) =>
          shown(user, false),
        ),
      },
    }),

    database_create_user: async (context) => {
      const { database_user: input } = context.body as CreateBody;
      checkBodyDatabase(state, context, input.database_id);
      checkConfirmation(input.password, input.password_confirmation);
      const user = await users.addUser(param(context, "database_id"), {
        name: input.name,
        read_only: input.read_only ?? false,
        ...(input.password ? { password: input.password } : {}),
      });
      return userAnswer(201, shown(user, true));
    },

    database_update_user: async (context) => {
      const { database_user: input } = context.body as UpdateBody;
      checkBodyDatabase(state, context, input.database_id);
      checkConfirmation(input.password, input.password_confirmation);
      const user = await users.setPassword(
        param(context, "database_id"),
        param(context, "username"),
        input.password,
      );
      return userAnswer(200, shown(user, false));
    },

    database_user_reset_password: async (context) => {
      const user = await users.resetPassword(param(context, "database_id"), param(context, "username"));
      return userAnswer(200, shown(user, true));
    },

    database_delete_user: async (context) => {
      await users.deleteUser(param(context, "database_id"), param(context, "username"));
      return { status: 204 };
    },
  };

  // Every operation but the exchange takes a minted token; only this simulator knows which it honours.
  return Object.fromEntries(
    Object.entries(handlers).map(([operationId, handler]) => [
      operationId,
      (context: OperationContext) => {
        issuer.check(context);
        return handler(context);
      },
    ]),
  );
}
