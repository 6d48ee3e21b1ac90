import { Secret, ValidationError, type ValidationIssue } from "@dbusers/core";

/** The variables `fromEnv` reads: `process.env` or any plain record. */
export type Environment = Readonly<Record<string, string | undefined>>;

/** The options every client takes, by the variable each is read from. */
const COMMON_VARIABLES = {
  baseUrl: "DBUSERS_BASE_URL",
  timeoutMs: "DBUSERS_TIMEOUT_MS",
  userAgent: "DBUSERS_USER_AGENT",
} as const;

/**
 * Reads a vendor's variables into its config. Every problem is collected, so one `ValidationError`
 * names every missing or malformed variable at once. Each read remembers which config field the
 * variable fills, so that the vendor's own checks of the config (the same ones a config written in code
 * meets: a cluster id that is not a UUID, a base URL that is not one) are reported by variable, not by
 * field. Values are never quoted in messages: some are secrets.
 */
export class EnvironmentReader {
  readonly #env: Environment;
  readonly #provider: string;
  readonly #issues: ValidationIssue[] = [];
  /** Config field → the variable it was read from. */
  readonly #variables = new Map<string, string>();

  constructor(env: Environment, provider: string) {
    this.#env = requireEnvironment(env, provider);
    this.#provider = provider;
  }

  /**
   * The variable, trimmed: `""` when it is absent or blank, `undefined` when it is not a string (a
   * record other than `process.env` may hold anything; the issue never quotes it: it may be a secret).
   */
  #read(name: string, field: string): string | undefined {
    this.#variables.set(field, name);
    const value: unknown = this.#env[name];
    if (value === undefined || typeof value === "string") return value?.trim() ?? "";
    this.#issues.push({ path: name, message: "must be a string" });
    return undefined;
  }

  /** Whether the variable is set to something other than blanks (nothing is recorded). */
  isSet(name: string): boolean {
    const value: unknown = this.#env[name];
    return value !== undefined && (typeof value !== "string" || value.trim() !== "");
  }

  /** A variable that must be set and not blank, for the config's `field`. */
  required(name: string, field: string): string {
    const value = this.#read(name, field);
    if (value === "") this.#issues.push({ path: name, message: "must be set" });
    return value ?? "";
  }

  /** A secret that must be set; it is held as a `Secret` from here on. */
  secret(name: string, field: string): Secret {
    return new Secret(this.required(name, field));
  }

  /** A variable that may be absent. */
  optional(name: string, field: string): string | undefined {
    return this.#read(name, field) || undefined;
  }

  /** A positive whole number, if set. */
  positiveInteger(name: string, field: string): number | undefined {
    const value = this.optional(name, field);
    if (value === undefined) return undefined;
    const number = Number(value);
    if (!Number.isInteger(number) || number <= 0)
      this.#issues.push({ path: name, message: "must be a positive integer" });
    return number;
  }

  /** One of `choices`, if set. */
  oneOf<T extends string>(name: string, field: string, choices: readonly T[]): T | undefined {
    const value = this.optional(name, field);
    if (value !== undefined && !choices.includes(value as T)) {
      this.#issues.push({ path: name, message: `must be one of ${choices.join(", ")}` });
    }
    return value as T | undefined;
  }

  /**
   * Throws for two variables that must not be set together (two kinds of credential, say), on its own:
   * the variables either kind would still need are beside the point until the caller picks one.
   */
  conflict(name: string, other: string, why: string): never {
    throw environmentError([{ path: name, message: `and ${other} are both set: ${why}` }], this.#provider);
  }

  /** The options every client takes: `DBUSERS_BASE_URL`, `DBUSERS_TIMEOUT_MS`, `DBUSERS_USER_AGENT`. */
  common(): { baseUrl?: string; timeoutMs?: number; userAgent?: string } {
    const baseUrl = this.optional(COMMON_VARIABLES.baseUrl, "baseUrl");
    const timeoutMs = this.positiveInteger(COMMON_VARIABLES.timeoutMs, "timeoutMs");
    const userAgent = this.optional(COMMON_VARIABLES.userAgent, "userAgent");
    return {
      ...(baseUrl === undefined ? {} : { baseUrl }),
      ...(timeoutMs === undefined ? {} : { timeoutMs }),
      ...(userAgent === undefined ? {} : { userAgent }),
    };
  }

  /**
   * `config`, once `check` (the vendor's factory: it sends nothing) accepts it; else one
   * `ValidationError` naming every variable that was missing or malformed. The factory's issues are
   * renamed from config fields to variables; one about a variable already named is not repeated.
   */
  done<C>(config: C, check: (config: C) => unknown): C {
    const issues = [...this.#issues];
    for (const issue of this.#checked(config, check)) {
      const path = this.#variables.get(issue.path) ?? issue.path;
      if (!issues.some((known) => known.path === path)) issues.push({ ...issue, path });
    }
    throwEnvironmentIssues(issues, this.#provider);
    return config;
  }

  /** What the vendor's own checks say of `config`: nothing, or a ValidationError's issues. */
  #checked<C>(config: C, check: (config: C) => unknown): ValidationIssue[] {
    try {
      check(config);
      return [];
    } catch (error) {
      if (error instanceof ValidationError && error.issues) return error.issues;
      throw error;
    }
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
  if (issues.length > 0) throw environmentError(issues, provider);
}

function environmentError(issues: ValidationIssue[], provider: string): ValidationError {
  const summary = issues.map((issue) => `${issue.path} ${issue.message}`).join("; ");
  return new ValidationError(`${provider}: environment: ${summary}`, { provider, issues });
}
