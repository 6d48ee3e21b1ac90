// Public names for the types generated from specs/digitalocean.yaml (src/generated/schema.ts).
//
// The spec's readOnly properties (role, password, access_cert, access_key) are generated as `$Read<T>`
// markers, which openapi-fetch removes from request bodies and unwraps in responses. The object types
// below are exported unwrapped (`Readable<…>` for what DigitalOcean returns, `Writable<…>` for what a
// client sends), so that `user.password` is a plain `string | undefined`.
import type { components, operations, paths, Readable, Writable } from "./generated/schema.ts";

type Schemas = components["schemas"];

/** Every path of the spec, as openapi-fetch's `createClient<DigitalOceanPaths>()` expects. */
export type DigitalOceanPaths = paths;
/** The spec's components (schemas, responses, parameters, headers), with the generator's markers. */
export type DigitalOceanComponents = components;
/** The spec's operations by operationId (databases_list_users, …). */
export type DigitalOceanOperations = operations;

/** A database user as DigitalOcean returns it (`components["schemas"]["database_user"]`, unwrapped). */
export type DigitalOceanDatabaseUser = Readable<Schemas["database_user"]>;
/** Engine-specific user settings (PostgreSQL replication, Kafka/OpenSearch ACLs, MongoDB). */
export type DigitalOceanUserSettings = Schemas["user_settings"];
/** MySQL-only user settings. */
export type DigitalOceanMySqlSettings = Schemas["mysql_settings"];
/** One Kafka topic ACL. */
export type DigitalOceanKafkaAcl = Schemas["kafka_acl"];
/** One OpenSearch index ACL. */
export type DigitalOceanOpenSearchAcl = Schemas["opensearch_acl"];
/** MongoDB-only user settings. */
export type DigitalOceanMongoUserSettings = Schemas["mongo_user_settings"];
/** The body of POST /v2/databases/{database_cluster_uuid}/users. */
export type DigitalOceanCreateUserBody = Writable<Schemas["database_user_create"]>;
/** The body of PUT /v2/databases/{database_cluster_uuid}/users/{username}. */
export type DigitalOceanUpdateUserBody = Writable<Schemas["database_user_update"]>;
/** The body of POST /v2/databases/{database_cluster_uuid}/users/{username}/reset_auth. */
export type DigitalOceanResetAuthBody = Writable<Schemas["database_user_reset_auth"]>;
/** The body of every DigitalOcean error response: `{ id, message, request_id? }`. */
export type DigitalOceanErrorBody = Schemas["error"];
/** Cluster engines whose users this API manages (Caching/Valkey clusters have none). */
export type DigitalOceanEngine = "pg" | "mysql" | "mongodb" | "kafka" | "opensearch";
