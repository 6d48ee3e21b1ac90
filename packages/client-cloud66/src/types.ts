// Public names for the types generated from specs/cloud66.yaml (src/generated/schema.ts).
import type { components, operations, paths } from "./generated/schema.ts";

type Schemas = components["schemas"];

/** Every path of the spec, as openapi-fetch's `createClient<Cloud66Paths>()` expects. */
export type Cloud66Paths = paths;
/** The spec's components (schemas, responses, parameters). */
export type Cloud66Components = components;
/** The spec's operations by operationId (database_users_list, …, stack_actions_get). */
export type Cloud66Operations = operations;

/** A database user as Cloud 66 lists it; `password` and `password_hash` only with `show_password=true`. */
export type Cloud66DatabaseUser = Schemas["database_user"];
/** The body of POST /stacks/{stack_id}/server_groups/{server_group_id}/database_users. */
export type Cloud66CreateUserBody = Schemas["database_user_create"];
/** One page of the list: `{ response: users, count, pagination }`. */
export type Cloud66UserList = Schemas["database_user_list"];
/** Where a page stands: `current`, `next`, `pages`, `count`, and `previous` or `prev`. */
export type Cloud66Pagination = Schemas["pagination"];
/** An async action: finished once `finished_at` is set, successful if `finished_success` is true. */
export type Cloud66Action = Schemas["async_action"];
/** Cloud 66's envelope around an action, the answer of every mutation and of the action endpoint. */
export type Cloud66ActionResponse = Schemas["async_action_response"];
/** The body of every Cloud 66 error: `{ error, error_description?, details? }`. */
export type Cloud66ErrorBody = Schemas["error"];
