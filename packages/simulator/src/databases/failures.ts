// Turns a driver's error into a DatabaseBackendError that is safe to log and to show: the driver's error
// object is not kept (mysql2's carries the SQL, password included), and the server's message is kept
// only after every secret of the statement is blanked out (a server may quote the statement back).
import { DatabaseBackendError, type DatabaseFailureKind } from "./types.ts";

const REDACTED = "[REDACTED]";

/** The server's error code for a failure kind other than `failed`. */
export type FailureCodes = Readonly<Record<string, DatabaseFailureKind>>;

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
}

function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

/** `what` failed on the server: the error to throw instead of the driver's. */
function serverFailure(
  what: string,
  error: unknown,
  codes: FailureCodes,
  secrets: readonly string[] = [],
): DatabaseBackendError {
  if (error instanceof DatabaseBackendError) return error;
  const code = codeOf(error);
  let message = messageOf(error);
  for (const secret of secrets) if (secret !== "") message = message.replaceAll(secret, REDACTED);
  return new DatabaseBackendError(
    (code && codes[code]) || "failed",
    `${what}: ${message}${code ? ` (${code})` : ""}`,
    code,
  );
}

/** Runs `operation`, throwing a `serverFailure` instead of whatever the driver throws. */
export async function onServer<T>(
  what: string,
  codes: FailureCodes,
  operation: () => Promise<T>,
  secrets: readonly string[] = [],
): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    throw serverFailure(what, error, codes, secrets);
  }
}
