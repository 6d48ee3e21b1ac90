import { Secret, ValidationError, type ValidationIssue } from "@dbusers/core";

/** The variables `fromEnv` reads: `process.env` or any plain record. */
export type Environment = Readonly<Record<string, string | undefined>>;

/**
 * Reads a vendor's variables. Every problem is collected, so one `ValidationError` names every missing
 * or malformed variable at once. Values are never quoted in messages: some are secrets.
 */
export class EnvironmentReader {
  readonly #env: Environment;
  readonly #provider: string;
  readonly #issues: ValidationIssue[] = [];

  constructor(env: Environment, provider: string) {
    this.#env = requireEnvironment(env, provider);
    this.#provider = provider;
  }

  /**
   * The variable, trimmed: `""` when it is absent or blank, `undefined` when it is not a string (a
   * record other than `process.env` may hold anything; the issue never quotes it: it may be a secret).
   */
  #read(name: string): string | undefined {
    const value: unknown = this.#env[name];
    if (value === undefined || typeof value === "string") return value?.trim() ?? "";
    this.#issues.push({ path: name, message: "must be a string" });
    return undefined;
  }

  /** A variable that must be set and not blank. */
  required(name: string): string {
    const value = this.#read(name);
    if (value === "") this.#issues.push({ path: name, message: "must be set" });
    return value ?? "";
  }

  /** A secret that must be set; it is held as a `Secret` from here on. */
  secret(name: string): Secret {
    return new Secret(this.required(name));
  }

  /** A variable that may be absent. */
  optional(name: string): string | undefined {
    return this.#read(name) || undefined;
  }

  /** A positive whole number, if set. */
  positiveInteger(name: string): number | undefined {
    const value = this.optional(name);
    if (value === undefined) return undefined;
    const number = Number(value);
    if (!Number.isInteger(number) || number <= 0)
      this.#issues.push({ path: name, message: "must be a positive integer" });
    return number;
  }

  /** One of `choices`, if set. */
  oneOf<T extends string>(name: string, choices: readonly T[]): T | undefined {
    const value = this.optional(name);
    if (value !== undefined && !choices.includes(value as T)) {
      this.#issues.push({ path: name, message: `must be one of ${choices.join(", ")}` });
    }
    return value as T | undefined;
  }

  /** The options every client takes: `DBUSERS_BASE_URL`, `DBUSERS_TIMEOUT_MS`, `DBUSERS_USER_AGENT`. */
  common(): { baseUrl?: string; timeoutMs?: number; userAgent?: string } {
    const baseUrl = this.optional("DBUSERS_BASE_URL");
    const timeoutMs = this.positiveInteger("DBUSERS_TIMEOUT_MS");
    const userAgent = this.optional("DBUSERS_USER_AGENT");
    return {
      ...(baseUrl === undefined ? {} : { baseUrl }),
      ...(timeoutMs === undefined ? {} : { timeoutMs }),
      ...(userAgent === undefined ? {} : { userAgent }),
    };
  }

  /** Throws one `ValidationError` naming every variable that was missing or malformed. */
  done(): void {
    throwEnvironmentIssues(this.#issues, this.#provider);
  }
}

/** `env` itself, if it is a record of variables: `fromEnv(null)` is a ValidationError, not a TypeError. */
export function requireEnvironment(env: unknown, provider: string): Environment {
  if (typeof env !== "object" || env === null) {
    throwEnvironmentIssues(
      [{ path: "env", message: "must be an object of environment variables" }],
      provider,
    );
  }
  return env as Environment;
}

function throwEnvironmentIssues(issues: ValidationIssue[], provider: string): void {
  if (issues.length === 0) return;
  const summary = issues.map((issue) => `${issue.path} ${issue.message}`).join("; ");
  throw new ValidationError(`${provider}: environment: ${summary}`, { provider, issues });
}
