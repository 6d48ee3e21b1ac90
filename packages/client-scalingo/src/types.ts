// Public names for the types generated from specs/scalingo.yaml (src/generated/schema.ts).
//
// The spec's readOnly property (the user's `password`) is generated as a `$Read<T>` marker, which
// openapi-fetch removes from request bodies and unwraps in responses. The object types below are
// exported unwrapped (`Readable<…>` for what Scalingo returns), so that `user.password` is a plain
// `string | undefined`.
import type { components, operations, paths, Readable } from "./generated/schema.ts";

type Schemas = components["schemas"];

/** Every path of the spec (the three services), as openapi-fetch's `createClient<ScalingoPaths>()` expects. */
export type ScalingoPaths = paths;
/** The spec's components (schemas, responses, parameters, headers), with the generator's markers. */
export type ScalingoComponents = components;
/** The spec's operations by operationId (database_list_users, token_exchange, …). */
export type ScalingoOperations = operations;

/** A database user as Scalingo returns it (`components["schemas"]["database_user"]`, unwrapped). */
export type ScalingoDatabaseUser = Readable<Schemas["database_user"]>;
/** What the database engine reports about a user (PostgreSQL's password encryption). */
export type ScalingoDbmsAttributes = Schemas["dbms_attributes"];
/** The body of POST /api/databases/{database_id}/users: the user, rooted under `database_user`. */
export type ScalingoCreateUserBody = Schemas["database_user_create_body"];
/** The body of PATCH /api/databases/{database_id}/users/{username}. */
export type ScalingoUpdateUserBody = Schemas["database_user_update_body"];
/** The addon `addon_token` returns, with its Database API `token`. */
export type ScalingoAddonWithToken = Schemas["addon_with_token"];
/** The error body of most statuses: `{ error, code? }`. */
export type ScalingoErrorBody = Schemas["error"];
/** The error body of a 404: `{ resource?, error }`. */
export type ScalingoNotFoundErrorBody = Schemas["not_found_error"];
/** The error body of a 422: `{ errors: { <field>: [messages] } }`. */
export type ScalingoValidationErrorBody = Schemas["validation_error"];
