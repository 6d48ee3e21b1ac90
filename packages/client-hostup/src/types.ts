// Public names for the types generated from specs/hostup.yaml (src/generated/schema.ts).
import type { components, operations, paths } from "./generated/schema.ts";

type Schemas = components["schemas"];

/** Every path of the spec, as openapi-fetch's `createClient<HostUpPaths>()` expects. */
export type HostUpPaths = paths;
/** The spec's components (schemas, responses, parameters, headers). */
export type HostUpComponents = components;
/** The spec's operations by operationId (list_database_users, …). */
export type HostUpOperations = operations;

/** A MySQL database user as HostUp returns it: `{ id: "dbu_…", username, host }`. */
export type HostUpDatabaseUser = Schemas["database_user"];
/** The body of GET /shared-hosting/{accountId}/database-users: `{ databaseUsers: [...] }`. */
export type HostUpDatabaseUserList = Schemas["database_users"];
/** The body of POST /shared-hosting/{accountId}/database-users. */
export type HostUpCreateUserBody = Schemas["database_user_create"];
/** The body of PUT …/database-users/{username}/password (unverified: see the README). */
export type HostUpPasswordResetBody = Schemas["database_user_password_reset"];
/** A MySQL privilege on one database, in its canonical spelling (`"SELECT"`, `"ALL PRIVILEGES"`, …). */
export type HostUpPrivilege = Schemas["mysql_privilege"];
/** The body of POST …/database-users/{username}/privileges. */
export type HostUpGrantPrivilegesBody = Schemas["database_privileges_grant"];
/** The body of DELETE …/database-users/{username}/privileges (unverified: see the README). */
export type HostUpRevokePrivilegesBody = Schemas["database_privileges_revoke"];
/** A user's privileges on one database, as HostUp reports them after a grant or a revoke. */
export type HostUpDatabasePrivileges = Schemas["database_privileges"];
/** The body of every HostUp error: an RFC 7807 problem document with `code` and `requestId`. */
export type HostUpProblemDetails = Schemas["problem_details"];
/** One field-level error of a problem document: `{ pointer, detail, code }`. */
export type HostUpProblemFieldError = Schemas["problem_field_error"];
