import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { fromEnv, isSecret, ValidationError } from "../../src/index.ts";

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
