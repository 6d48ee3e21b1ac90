import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { fromEnv as hostUpFromEnv } from "../../src/hostup.ts";
import {
  createDatabaseUsers,
  type Environment,
  fromEnv,
  isSecret,
  ValidationError,
} from "../../src/index.ts";

const TOKEN = "dop_v1_from_env_0123456789abcdef";
const CLUSTER = "9cc10173-e9ea-4176-9dbc-a4cee4c4ff30";

function failure(call: () => unknown): ValidationError {
  try {
    call();
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
  throw new Error("expected a ValidationError");
}

describe("fromEnv", () => {
  it("builds DigitalOcean's config, the token held as a Secret", () => {
    const config = fromEnv({
      DBUSERS_PROVIDER: "digitalocean",
      DIGITALOCEAN_TOKEN: TOKEN,
      DIGITALOCEAN_CLUSTER_ID: CLUSTER,
      DIGITALOCEAN_ENGINE: "mysql",
      DBUSERS_TIMEOUT_MS: "5000",
    });
    expect(config).toMatchObject({
      provider: "digitalocean",
      clusterId: CLUSTER,
      engine: "mysql",
      timeoutMs: 5000,
    });
    expect(isSecret(config.token)).toBe(true);
    expect(inspect(config)).not.toContain(TOKEN);
    expect(JSON.stringify(config)).not.toContain(TOKEN);
  });

  it("names every missing variable at once", () => {
    const error = failure(() => fromEnv({ DBUSERS_PROVIDER: "digitalocean" }));
    expect(error.issues?.map((issue) => issue.path)).toEqual([
      "DIGITALOCEAN_TOKEN",
      "DIGITALOCEAN_CLUSTER_ID",
    ]);
    expect(error.message).toContain("DIGITALOCEAN_TOKEN must be set");
  });

  it("never prints a value, even of a malformed variable next to a secret", () => {
    const error = failure(() =>
      fromEnv({ DBUSERS_PROVIDER: "digitalocean", DIGITALOCEAN_TOKEN: TOKEN, DBUSERS_TIMEOUT_MS: "soon" }),
    );
    expect(error.issues?.map((issue) => issue.path)).toEqual([
      "DIGITALOCEAN_CLUSTER_ID",
      "DBUSERS_TIMEOUT_MS",
    ]);
    for (const rendering of [error.message, inspect(error), JSON.stringify(error)]) {
      expect(rendering).not.toContain(TOKEN);
    }
  });

  it("refuses a missing or unknown DBUSERS_PROVIDER, naming the variable", () => {
    expect(failure(() => fromEnv({})).issues?.[0]?.path).toBe("DBUSERS_PROVIDER");
    expect(failure(() => fromEnv({ DBUSERS_PROVIDER: "heroku" })).issues?.[0]?.path).toBe("DBUSERS_PROVIDER");
  });

  it("refuses a DBUSERS_PROVIDER that is not a string, naming the variable", () => {
    for (const provider of [5, null, Object.create(null)]) {
      const error = failure(() => fromEnv({ DBUSERS_PROVIDER: provider } as unknown as Environment));
      expect(error.issues).toEqual([
        { path: "DBUSERS_PROVIDER", message: "must be one of digitalocean, scalingo, cloud66, hostup" },
      ]);
    }
  });

  it.each([
    ["null", null],
    ["a string", "DBUSERS_PROVIDER=hostup"],
    ["a number", 5],
  ])("refuses an environment that is %s, naming it", (_, env) => {
    const error = failure(() => fromEnv(env as unknown as Environment));
    expect(error.issues).toEqual([{ path: "env", message: "must be an object of environment variables" }]);
    expect(error.message).toBe("dbusers: environment: env must be an object of environment variables");
  });

  it("a vendor's own fromEnv refuses an environment that is null too", () => {
    const error = failure(() => hostUpFromEnv(null as unknown as Environment));
    expect(error).toMatchObject({ provider: "hostup", issues: [{ path: "env" }] });
  });

  it("refuses a variable that is not a string, naming it and never printing it", () => {
    const token = { toString: () => TOKEN, valueOf: () => TOKEN };
    for (const value of [5, token, null]) {
      const env = { DBUSERS_PROVIDER: "hostup", HOSTUP_TOKEN: value, HOSTUP_ACCOUNT_ID: "acct_1" };
      const error = failure(() => fromEnv(env as unknown as Environment));
      expect(error.issues).toEqual([{ path: "HOSTUP_TOKEN", message: "must be a string" }]);
      for (const rendering of [error.message, inspect(error), JSON.stringify(error)]) {
        expect(rendering).not.toContain(TOKEN);
      }
    }
  });

  it("a malformed optional variable is named along with the missing ones", () => {
    const env = { DBUSERS_PROVIDER: "digitalocean", DIGITALOCEAN_ENGINE: 5, DBUSERS_TIMEOUT_MS: 5000 };
    expect(failure(() => fromEnv(env as unknown as Environment)).issues).toEqual([
      { path: "DIGITALOCEAN_TOKEN", message: "must be set" },
      { path: "DIGITALOCEAN_CLUSTER_ID", message: "must be set" },
      { path: "DIGITALOCEAN_ENGINE", message: "must be a string" },
      { path: "DBUSERS_TIMEOUT_MS", message: "must be a string" },
    ]);
  });

  it("reads process.env by default", () => {
    const saved = { ...process.env };
    try {
      Object.assign(process.env, {
        DBUSERS_PROVIDER: "digitalocean",
        DIGITALOCEAN_TOKEN: TOKEN,
        DIGITALOCEAN_CLUSTER_ID: CLUSTER,
      });
      expect(fromEnv()).toMatchObject({ provider: "digitalocean", clusterId: CLUSTER });
    } finally {
      for (const key of ["DBUSERS_PROVIDER", "DIGITALOCEAN_TOKEN", "DIGITALOCEAN_CLUSTER_ID"]) {
        if (saved[key] === undefined) delete process.env[key];
        else process.env[key] = saved[key];
      }
    }
  });
});

describe("fromEnv, per vendor", () => {
  it.each([
    [
      "scalingo with an API token",
      {
        DBUSERS_PROVIDER: "scalingo",
        SCALINGO_API_TOKEN: TOKEN,
        SCALINGO_APP_ID: "my-app",
        SCALINGO_ADDON_ID: "ad-1",
        SCALINGO_REGION: "osc-secnum-fr1",
      },
      { provider: "scalingo", appId: "my-app", addonId: "ad-1", region: "osc-secnum-fr1" },
      "apiToken",
    ],
    [
      "scalingo with a database token",
      {
        DBUSERS_PROVIDER: "scalingo",
        SCALINGO_DATABASE_TOKEN: TOKEN,
        SCALINGO_DB_API_URL: "db-api.example",
        SCALINGO_DATABASE_ID: "ad-1",
      },
      { provider: "scalingo", dbApiUrl: "db-api.example", databaseId: "ad-1" },
      "token",
    ],
    [
      "cloud66",
      {
        DBUSERS_PROVIDER: "cloud66",
        CLOUD66_TOKEN: TOKEN,
        CLOUD66_STACK_ID: "stack",
        CLOUD66_SERVER_GROUP_ID: "3817",
      },
      { provider: "cloud66", stackId: "stack", serverGroupId: "3817" },
      "token",
    ],
    [
      "hostup",
      { DBUSERS_PROVIDER: "hostup", HOSTUP_TOKEN: TOKEN, HOSTUP_ACCOUNT_ID: "acct_1" },
      { provider: "hostup", accountId: "acct_1" },
      "token",
    ],
  ])("builds %s's config, the credential held as a Secret", (_, env, expected, secretField) => {
    const config = fromEnv(env) as unknown as Record<string, unknown>;
    expect(config).toMatchObject(expected);
    expect(isSecret(config[secretField])).toBe(true);
    expect(`${inspect(config)}${JSON.stringify(config)}`).not.toContain(TOKEN);
  });

  it.each([
    ["scalingo", ["SCALINGO_API_TOKEN", "SCALINGO_APP_ID", "SCALINGO_ADDON_ID"]],
    ["cloud66", ["CLOUD66_TOKEN", "CLOUD66_STACK_ID", "CLOUD66_SERVER_GROUP_ID"]],
    ["hostup", ["HOSTUP_TOKEN", "HOSTUP_ACCOUNT_ID"]],
  ])("names every missing variable of %s", (provider, missing) => {
    expect(failure(() => fromEnv({ DBUSERS_PROVIDER: provider })).issues?.map((issue) => issue.path)).toEqual(
      missing,
    );
  });

  it("refuses a region Scalingo does not have, naming the variable", () => {
    const env = {
      DBUSERS_PROVIDER: "scalingo",
      SCALINGO_API_TOKEN: TOKEN,
      SCALINGO_APP_ID: "a",
      SCALINGO_ADDON_ID: "b",
      SCALINGO_REGION: "mars-1",
    };
    expect(failure(() => fromEnv(env)).issues).toEqual([
      { path: "SCALINGO_REGION", message: "must be one of osc-fr1, osc-secnum-fr1" },
    ]);
  });
});

describe("fromEnv checks each value as the vendor's client would, naming the variable", () => {
  const digitalocean = {
    DBUSERS_PROVIDER: "digitalocean",
    DIGITALOCEAN_TOKEN: TOKEN,
    DIGITALOCEAN_CLUSTER_ID: CLUSTER,
  };

  it.each([
    [
      "a cluster id that is not a UUID",
      { DIGITALOCEAN_CLUSTER_ID: "abc" },
      "DIGITALOCEAN_CLUSTER_ID",
      "must be a UUID",
    ],
    [
      "a base URL that is not a URL",
      { DBUSERS_BASE_URL: "not a url" },
      "DBUSERS_BASE_URL",
      "must be an absolute http(s) URL without credentials",
    ],
    [
      "a base URL with credentials in it",
      { DBUSERS_BASE_URL: `https://user:${TOKEN}@api.example` },
      "DBUSERS_BASE_URL",
      "must be an absolute http(s) URL without credentials",
    ],
    [
      "a timeout that is not a number",
      { DBUSERS_TIMEOUT_MS: "10s" },
      "DBUSERS_TIMEOUT_MS",
      "must be a positive integer",
    ],
  ])("refuses %s", (_, change, variable, message) => {
    const error = failure(() => fromEnv({ ...digitalocean, ...change }));
    expect(error.issues).toEqual([{ path: variable, message }]);
    expect(error.message).toBe(`digitalocean: environment: ${variable} ${message}`);
    expect(`${error.message}${JSON.stringify(error)}${inspect(error)}`).not.toContain(TOKEN);
  });

  it("refuses a HostUp account id that would leave its path segment, naming the variable", () => {
    const env = { DBUSERS_PROVIDER: "hostup", HOSTUP_TOKEN: TOKEN, HOSTUP_ACCOUNT_ID: "../acct_1" };
    expect(failure(() => fromEnv(env)).issues?.map((issue) => issue.path)).toEqual(["HOSTUP_ACCOUNT_ID"]);
  });

  it("names a missing variable and a malformed one together", () => {
    const env = { DBUSERS_PROVIDER: "hostup", HOSTUP_ACCOUNT_ID: "acct_1", DBUSERS_TIMEOUT_MS: "-1" };
    expect(failure(() => fromEnv(env)).issues?.map((issue) => issue.path)).toEqual([
      "HOSTUP_TOKEN",
      "DBUSERS_TIMEOUT_MS",
    ]);
  });

  it("refuses Scalingo's two kinds of credential given together, saying so", () => {
    const env = {
      DBUSERS_PROVIDER: "scalingo",
      SCALINGO_API_TOKEN: TOKEN,
      SCALINGO_APP_ID: "my-app",
      SCALINGO_ADDON_ID: "ad-1",
      SCALINGO_DATABASE_TOKEN: TOKEN,
    };
    const error = failure(() => fromEnv(env));
    expect(error.issues).toEqual([
      {
        path: "SCALINGO_DATABASE_TOKEN",
        message:
          "and SCALINGO_API_TOKEN are both set: give one kind of credential, a database token or an API token",
      },
    ]);
    expect(error.message).not.toContain("SCALINGO_DB_API_URL");
    expect(error.message).not.toContain(TOKEN);
  });

  it("a config it returns is one the facade accepts", () => {
    expect(createDatabaseUsers(fromEnv(digitalocean)).provider).toBe("digitalocean");
  });
});
