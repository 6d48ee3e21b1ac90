// New passwords go where the user said, and nowhere else: into the output with --show-secrets, into a
// file created with mode 0600 with --secrets-file, never into logs or error messages.
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import type { Secret } from "@dbusers/sdk";
import type { Context } from "./context.ts";
import { UsageError } from "./usage-error.ts";

export interface Credential {
  name: string;
  password: Secret;
}

/**
 * Refuses, before anything is sent, a command that would make a password nobody receives.
 * `what` says what would make it (e.g. "creates 2 users").
 */
export function requireSecretsDestination(context: Context, what: string): void {
  if (context.showSecrets || context.secretsFile !== undefined) return;
  throw new UsageError(
    `this ${what} and the new password would be lost: pass --secrets-file FILE (written with mode 0600) or --show-secrets`,
  );
}

/**
 * Writes `credentials` into the secrets file (merged with the passwords it holds, by user name) and
 * returns what the output shows: the passwords themselves only with --show-secrets.
 */
export function deliverSecrets(context: Context, credentials: readonly Credential[]): Record<string, string> {
  if (credentials.length === 0) return {};
  if (context.secretsFile !== undefined) writeSecretsFile(context.secretsFile, credentials);
  return context.showSecrets
    ? Object.fromEntries(credentials.map(({ name, password }) => [name, password.reveal()]))
    : {};
}

/** Atomic: a temp file created with mode 0600 replaces the old one, so no reader ever sees half of it. */
function writeSecretsFile(file: string, credentials: readonly Credential[]): void {
  const held = readSecretsFile(file);
  for (const { name, password } of credentials) held[name] = password.reveal();
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(held, null, 2)}\n`, { mode: 0o600, flag: "wx" });
  renameSync(temp, file);
}

function readSecretsFile(file: string): Record<string, string> {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return {};
    throw error;
  }
  const held: unknown = JSON.parse(text);
  if (typeof held !== "object" || held === null || Array.isArray(held)) {
    throw new UsageError(`${file} is not a secrets file written by dbusers (a JSON object of passwords)`);
  }
  return held as Record<string, string>;
}
