// Where the CLI's configuration comes from, lowest to highest: a config file, the environment, flags.
// All three speak the sdk's variable names (DBUSERS_PROVIDER, DIGITALOCEAN_TOKEN, …) and are merged
// into one record that the sdk's own `fromEnv` reads: the CLI knows no vendor's variables itself.
import { readFileSync } from "node:fs";
import { createDatabaseUsers, type DatabaseUsers, fromEnv, type Logger, ValidationError } from "@dbusers/sdk";
import { isMap, parseDocument } from "yaml";
import { UsageError } from "./usage-error.ts";

export interface ConfigFlags {
  config?: string;
  provider?: string;
  baseUrl?: string;
  timeoutMs?: string;
  /** `NAME=VALUE` pairs, any variable `fromEnv` reads. */
  set?: string[];
}

type Variables = Record<string, string | undefined>;

/** The variables `fromEnv` is given: the config file's, then the environment's, then the flags'. */
export function resolveVariables(flags: ConfigFlags, env: Variables): Variables {
  const file = flags.config ?? env.DBUSERS_CONFIG;
  return { ...(file ? readConfigFile(file) : {}), ...env, ...flagVariables(flags) };
}

/** The facade client the configuration describes; a configuration problem is a UsageError (exit 2). */
export function createClient(variables: Variables, logger: Logger | undefined): DatabaseUsers {
  try {
    return createDatabaseUsers({ ...fromEnv(variables), ...(logger ? { logger } : {}) });
  } catch (error) {
    if (error instanceof ValidationError) {
      throw new UsageError(
        "dbusers is not configured (flags, environment or --config file)",
        (error.issues ?? []).map((issue) => `${issue.path} ${issue.message}`),
      );
    }
    throw error;
  }
}

function flagVariables(flags: ConfigFlags): Variables {
  const variables: Variables = {};
  if (flags.provider !== undefined) variables.DBUSERS_PROVIDER = flags.provider;
  if (flags.baseUrl !== undefined) variables.DBUSERS_BASE_URL = flags.baseUrl;
  if (flags.timeoutMs !== undefined) variables.DBUSERS_TIMEOUT_MS = flags.timeoutMs;
  for (const pair of flags.set ?? []) {
    const at = pair.indexOf("=");
    if (at <= 0) throw new UsageError(`--set takes NAME=VALUE, got ${JSON.stringify(pair.split("=")[0])}`);
    variables[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return variables;
}

/** A YAML map of variable names to values (`DIGITALOCEAN_CLUSTER_ID: 9cc1…`). Values are never quoted back. */
function readConfigFile(file: string): Variables {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new UsageError(`cannot read the config file ${file}: ${(error as NodeJS.ErrnoException).code}`);
  }
  const doc = parseDocument(text);
  if (doc.errors.length > 0 || !(isMap(doc.contents) || doc.contents === null)) {
    throw new UsageError(`the config file ${file} must be a YAML map of variable names to values`);
  }
  const variables: Variables = {};
  for (const [name, value] of Object.entries((doc.toJS() ?? {}) as Record<string, unknown>)) {
    if (typeof value !== "string" && typeof value !== "number") {
      throw new UsageError(`the config file ${file}: ${name} must be a string or a number`);
    }
    variables[name] = String(value);
  }
  return variables;
}
