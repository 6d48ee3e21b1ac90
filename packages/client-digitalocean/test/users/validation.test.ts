// Input the adapter can judge on its own is refused before anything is sent: the recording fetch must
// see no request at all, and the simulator must handle none.
import {
  type Capabilities,
  type DatabaseUsersError,
  Secret,
  UnsupportedOperationError,
  ValidationError,
} from "@dbusers/core";
import { describe, expect, it } from "vitest";
import {
  createDigitalOceanUsers,
  DIGITALOCEAN_ENGINES,
  type DigitalOceanAuthPlugin,
  type DigitalOceanEngine,
  type DigitalOceanUserSettings,
  type DigitalOceanUsers,
} from "../../src/index.ts";
import { adapterFor, DEFAULT_TOKEN, recordingFetch, rejectionOf, startTestSimulator } from "./harness.ts";

const { sim, handled } = await startTestSimulator();
const cluster = sim.digitalocean.addCluster({ engine: "pg", users: [{ name: "app-01" }] });

describe("DigitalOcean adapter: clusterId", () => {
  it.each([
    "not-a-uuid",
    "",
    "9cc10173-e9ea-4176-9dbc-a4cee4c4ff3", // one digit short
    "9cc10173-e9ea-4176-9dbc-a4cee4c4ff30/../x",
    "../9cc10173-e9ea-4176-9dbc-a4cee4c4ff30",
  ])("%j is refused with a ValidationError when the adapter is created", (clusterId) => {
    const { fetch, requests } = recordingFetch();
    let error: unknown;
    try {
      createDigitalOceanUsers({ token: DEFAULT_TOKEN, clusterId, baseUrl: sim.urls.digitalocean, fetch });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({
      provider: "digitalocean",
      code: "validation_error",
      issues: [{ path: "clusterId", message: "must be a UUID" }],
    });
    expect((error as DatabaseUsersError).status).toBeUndefined();
    expect(requests).toHaveLength(0);
  });

  it("a missing clusterId (untyped caller) is refused too", () => {
    const options = { token: DEFAULT_TOKEN } as unknown as Parameters<typeof createDigitalOceanUsers>[0];
    expect(() => createDigitalOceanUsers(options)).toThrow(ValidationError);
  });

  it("an empty token is refused when the adapter is created", () => {
    expect(() => createDigitalOceanUsers({ token: "", clusterId: cluster.id })).toThrow(/token/);
    expect(() => createDigitalOceanUsers({ token: new Secret(""), clusterId: cluster.id })).toThrow(/token/);
  });
});

describe("DigitalOcean adapter: user names", () => {
  const invalid: Array<[string, string, RegExp]> = [
    ["empty", "", /non-empty/],
    ["blank", "   ", /non-empty/],
    ["a slash", "a/b", /'\/'/],
    ["a backslash", "a\\b", /or '\\'/],
    ["the parent segment", "..", /'\.\.'/],
    ["the current segment", ".", /'\.'/],
  ];

  const operations = {
    get: (users: DigitalOceanUsers, name: string) => users.get(name),
    create: (users: DigitalOceanUsers, name: string) => users.create({ name }),
    resetPassword: (users: DigitalOceanUsers, name: string) => users.resetPassword(name),
    updateSettings: (users: DigitalOceanUsers, name: string) =>
      users.updateSettings(name, { pg_allow_replication: true }),
    delete: (users: DigitalOceanUsers, name: string) => users.delete(name),
  };

  for (const [operation, call] of Object.entries(operations)) {
    it.each(invalid)(
      `${operation}: a name that is %s is a ValidationError with issues, nothing sent`,
      async (_label, name, message) => {
        const { users, requests } = adapterFor(sim, cluster.id);
        const error = await rejectionOf(call(users, name));
        expect(error).toBeInstanceOf(ValidationError);
        const { issues } = error as ValidationError;
        expect(issues).toHaveLength(1);
        expect(issues?.[0]?.path).toBe("name");
        expect(issues?.[0]?.message).toMatch(message);
        expect((error as ValidationError).status).toBeUndefined();
        expect(requests).toHaveLength(0);
        expect(handled).toHaveLength(0);
      },
    );
  }

  it("a name that is not a string (untyped caller) is a ValidationError, nothing sent", async () => {
    const { users, requests } = adapterFor(sim, cluster.id);
    for (const name of [undefined, null, 42, { toString: () => "app-01" }]) {
      const error = await rejectionOf(users.get(name as unknown as string));
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues?.[0]?.path).toBe("name");
    }
    const error = await rejectionOf(users.create(undefined as unknown as { name: string }));
    expect(error).toBeInstanceOf(ValidationError);
    expect(requests).toHaveLength(0);
  });
});

describe("DigitalOcean adapter: passwords cannot be chosen", () => {
  it("capabilities say so", () => {
    const { users } = adapterFor(sim, cluster.id);
    const expected: Capabilities = {
      get: true,
      setPassword: false,
      readOnly: true,
      databases: false,
      privileges: false,
      asyncOperations: false,
      notes: { readOnly: "MongoDB clusters only" },
    };
    expect(users.capabilities).toEqual(expected);
    expect(users.provider).toBe("digitalocean");
    expect(users.clusterId).toBe(cluster.id);
    expect(Object.isFrozen(users.capabilities)).toBe(true);
  });

  it.each([
    ["a string", "Chosen-Passw0rd"],
    ["a Secret", new Secret("Chosen-Passw0rd")],
  ])(
    "create with a password (%s) is an UnsupportedOperationError, nothing sent",
    async (_label, password) => {
      const { users, requests } = adapterFor(sim, cluster.id);
      const error = await rejectionOf(users.create({ name: "app-02", password }));
      expect(error).toBeInstanceOf(UnsupportedOperationError);
      expect(error).toMatchObject({ provider: "digitalocean", code: "unsupported_operation" });
      expect((error as Error).message).toMatch(/generates/);
      expect(requests).toHaveLength(0);
      expect(handled).toHaveLength(0);
      expect(sim.digitalocean.getUser(cluster.id, "app-02")).toBeUndefined();
    },
  );

  it("setPassword is an UnsupportedOperationError pointing to resetPassword, nothing sent", async () => {
    const { users, requests } = adapterFor(sim, cluster.id);
    const before = sim.digitalocean.getUser(cluster.id, "app-01")?.password;
    const error = await rejectionOf(users.setPassword("app-01", "Chosen-Passw0rd"));
    expect(error).toBeInstanceOf(UnsupportedOperationError);
    expect((error as Error).message).toMatch(/resetPassword/);
    expect(requests).toHaveLength(0);
    expect(handled).toHaveLength(0);
    expect(sim.digitalocean.getUser(cluster.id, "app-01")?.password).toBe(before);
  });
});

describe("DigitalOcean adapter: engine", () => {
  it.each([
    ["a cache engine without users", "redis"],
    ["a known engine in the wrong case", "MongoDB"],
    ["a number", 5],
    ["null", null],
  ])("%s is refused when the adapter is created, nothing sent", (_label, engine) => {
    const { fetch, requests } = recordingFetch();
    const create = () =>
      createDigitalOceanUsers({
        token: DEFAULT_TOKEN,
        clusterId: cluster.id,
        baseUrl: sim.urls.digitalocean,
        fetch,
        engine: engine as DigitalOceanEngine,
      });
    expect(create).toThrow(ValidationError);
    expect(create).toThrow("engine must be one of pg, mysql, mongodb, kafka, opensearch");
    expect(requests).toHaveLength(0);
  });

  it("every engine of DIGITALOCEAN_ENGINES is accepted and makes capabilities exact", () => {
    expect(DIGITALOCEAN_ENGINES).toEqual(["pg", "mysql", "mongodb", "kafka", "opensearch"]);
    for (const engine of DIGITALOCEAN_ENGINES) {
      const { users } = adapterFor(sim, cluster.id, { engine });
      expect(users.capabilities.readOnly).toBe(engine === "mongodb");
    }
  });
});

describe("DigitalOcean adapter: engine options of create, resetPassword and updateSettings", () => {
  /** Asserts the ValidationError names `path` alone, and that nothing reached DigitalOcean. */
  async function expectRefused(
    call: (users: DigitalOceanUsers) => Promise<unknown>,
    path: string,
    engine: "pg" | "mongodb" | "mysql" = "pg",
  ) {
    const { id } = sim.digitalocean.addCluster({ engine, users: [{ name: "app-01" }] });
    const before = structuredClone(sim.digitalocean.getUser(id, "app-01"));
    const { users, requests } = adapterFor(sim, id);
    const error = await rejectionOf(call(users));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues?.map((issue) => issue.path)).toEqual([path]);
    expect(requests).toHaveLength(0);
    expect(handled).toHaveLength(0);
    expect(sim.digitalocean.listUsers(id).map((user) => user.name)).toEqual(["doadmin", "app-01"]);
    expect(sim.digitalocean.getUser(id, "app-01")).toEqual(before);
  }

  it.each(["true", "false", 1, "yes", null])(
    "readOnly: %j is not read as a flag: refused, no user created",
    async (readOnly) => {
      const input = { name: "bob", readOnly: readOnly as unknown as boolean };
      await expectRefused((users) => users.create(input), "readOnly", "mongodb");
    },
  );

  it.each(["sha256_password", "CACHING_SHA2_PASSWORD", "", 5, null])(
    "authPlugin %j (not in the spec's enum) is refused by create and resetPassword",
    async (authPlugin) => {
      const plugin = authPlugin as unknown as DigitalOceanAuthPlugin;
      await expectRefused(
        (users) => users.create({ name: "bob", authPlugin: plugin }),
        "authPlugin",
        "mysql",
      );
      await expectRefused(
        (users) => users.resetPassword("app-01", { authPlugin: plugin }),
        "authPlugin",
        "mysql",
      );
    },
  );

  it.each(["x", null, 5, [{ pg_allow_replication: true }]])(
    "settings %j are refused by create and updateSettings",
    async (settings) => {
      const given = settings as unknown as DigitalOceanUserSettings;
      await expectRefused((users) => users.create({ name: "bob", settings: given }), "settings");
      await expectRefused((users) => users.updateSettings("app-01", given), "settings");
    },
  );

  it.each([
    ["no settings at all", undefined],
    ["an empty object, which would reset every setting", {}],
    ["only options DigitalOcean does not have", { pg_allow_replicaton: true }],
  ])("updateSettings with %s is refused: it replaces every setting", async (_label, settings) => {
    const given = settings as unknown as DigitalOceanUserSettings;
    await expectRefused((users) => users.updateSettings("app-01", given), "settings");
  });

  it.each([
    [{ pg_allow_replication: "true" }, "settings.pg_allow_replication"],
    [{ acl: { topic: "orders", permission: "consume" } }, "settings.acl"],
    [{ opensearch_acl: "logs-*" }, "settings.opensearch_acl"],
    [{ mongo_user_settings: ["orders"] }, "settings.mongo_user_settings"],
  ])("settings %j of the wrong type are refused at %s", async (settings, path) => {
    const given = settings as unknown as DigitalOceanUserSettings;
    await expectRefused((users) => users.create({ name: "bob", settings: given }), path);
    await expectRefused((users) => users.updateSettings("app-01", given), path);
  });

  it("an empty settings object on create is harmless (the defaults) and is sent", async () => {
    const { id } = sim.digitalocean.addCluster({ engine: "pg" });
    const { users, requests } = adapterFor(sim, id);
    await users.create({ name: "bob", settings: {} });
    expect(JSON.parse(requests[1]?.body ?? "")).toEqual({ name: "bob", settings: {} });
    expect(sim.digitalocean.getUser(id, "bob")?.settings).toEqual({ pg_allow_replication: false });
  });
});
