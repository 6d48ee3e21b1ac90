// `@dbusers/cli` as a library: the users.yaml loader (schema, line-numbered errors) and the exit codes,
// for tools that read the same files. The command line itself is the `dbusers` bin.
export { EXIT, type ExitCode } from "./exit-codes.ts";
export { UsageError } from "./usage-error.ts";
export { type LoadedUsersFile, parseUsersFile, USERS_SCHEMA_URL, type UsersFile } from "./users-file.ts";
