import { DEFAULT_TOKEN } from "@dbusers/simulator";
import { rejectionOf, startTestSimulator } from "@dbusers/testing";
import { describe, expect, it } from "vitest";
import {
  createDatabaseUsers as createDigitalOcean,
  type DigitalOceanConfig,
} from "../../src/digitalocean.ts";
import {
  createDatabaseUsers,
  type DatabaseUsersConfig,
  PROVIDERS,
  ValidationError,
} from "../../src/index.ts";

const { sim } = await startTestSimulator();

const CLUSTER_ID = "9cc10173-e9ea-4176-9dbc-a4cee4c4ff30";

function rejectionOfCall(call: () => unknown): unknown {
  try {
    call();
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to throw");
}

describe("createDatabaseUsers", () => {
  it("builds the adapter of the provider named in the config, configured by the rest", async () => {
    const cluster = sim.digitalocean.addCluster({ engine: "pg", users: [{ name: "app-01" }] });
    const users = createDatabaseUsers({
      provider: "digitalocean",
      token: DEFAULT_TOKEN,
      clusterId: cluster.id,
      baseUrl: sim.urls.digitalocean,
    });
    expect(users.provider).toBe("digitalocean");
    expect((await users.list()).map((user) => user.name)).toEqual(["doadmin", "app-01"]);
  });

  it.each([
    ["an unknown provider", { provider: "heroku", token: "t" }],
    ["a missing provider", { token: "t" }],
    ["no config at all", undefined],
    ["a name every object has (toString)", { provider: "toString" }],
    ["__proto__", { provider: "__proto__" }],
    ["an object without a prototype", { provider: Object.create(null) }],
    [
      "an object whose toString throws",
      {
        provider: {
          toString: () => {
            throw new Error("boom");
          },
        },
      },
    ],
    ["a number", { provider: 5 }],
    ["null", { provider: null }],
  ])("refuses %s with a ValidationError naming the known providers", (_, config) => {
    let error: unknown;
    try {
      createDatabaseUsers(config as unknown as DatabaseUsersConfig);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues).toEqual([
      { path: "provider", message: `must be one of ${PROVIDERS.join(", ")}` },
    ]);
  });

  it.each([
    ["an object without a prototype", Object.create(null), "got a value of type object"],
    ["a number", 5, "got a value of type number"],
    ["another vendor", "hostup", 'got "hostup"'],
  ])("a vendor's own entry refuses %s as provider with a ValidationError", (_, provider, given) => {
    let error: unknown;
    try {
      createDigitalOcean({ provider, token: "t", clusterId: "c" } as unknown as DigitalOceanConfig);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues).toEqual([
      { path: "provider", message: 'must be "digitalocean"' },
    ]);
    expect((error as Error).message).toBe(`dbusers: provider must be "digitalocean", ${given}`);
  });

  it.each([
    [
      "clusterId",
      { provider: "hostup", token: DEFAULT_TOKEN, accountId: "acct_1", clusterId: CLUSTER_ID },
      "digitalocean",
    ],
    [
      "accountId",
      { provider: "digitalocean", token: DEFAULT_TOKEN, clusterId: CLUSTER_ID, accountId: "acct_1" },
      "hostup",
    ],
    [
      "stackId",
      { provider: "scalingo", apiToken: DEFAULT_TOKEN, appId: "a", addonId: "ad-1", stackId: "s" },
      "cloud66",
    ],
    [
      "appId",
      { provider: "cloud66", token: DEFAULT_TOKEN, stackId: "s", serverGroupId: 1, appId: "a" },
      "scalingo",
    ],
  ])("refuses another vendor's %s at run time, as the types do", (field, config, owner) => {
    const error = rejectionOfCall(() => createDatabaseUsers(config as unknown as DatabaseUsersConfig));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues).toEqual([
      { path: field, message: `is not a ${config.provider} option (it is ${owner}'s)` },
    ]);
  });

  it("still takes a field its vendor shares with others (token) and the options every client takes", () => {
    const users = createDatabaseUsers({
      provider: "hostup",
      token: DEFAULT_TOKEN,
      accountId: "acct_1",
      timeoutMs: 5000,
    });
    expect(users.provider).toBe("hostup");
  });

  it("passes the vendor's own validation through (a bad cluster id), before any request", async () => {
    expect(() =>
      createDatabaseUsers({ provider: "digitalocean", token: DEFAULT_TOKEN, clusterId: "nope" }),
    ).toThrow(ValidationError);
  });

  it("returns adapters whose errors are the facade's classes (one copy of core)", async () => {
    const cluster = sim.digitalocean.addCluster({ engine: "pg" });
    const users = createDatabaseUsers({
      provider: "digitalocean",
      token: DEFAULT_TOKEN,
      clusterId: cluster.id,
      baseUrl: sim.urls.digitalocean,
    });
    const error = await rejectionOf(users.get("nobody"));
    const { NotFoundError } = await import("../../src/index.ts");
    expect(error).toBeInstanceOf(NotFoundError);
  });
});
