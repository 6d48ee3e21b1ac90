import { describe, expect, it } from "vitest";
import { digitalOceanApi, start } from "../helpers.ts";

describe("request validation against specs/digitalocean.yaml", () => {
  const invalid: Array<
    [
      string,
      (
        api: ReturnType<typeof digitalOceanApi>,
        id: string,
      ) => ReturnType<ReturnType<typeof digitalOceanApi>["request"]>,
      string,
    ]
  > = [
    [
      "an unknown body property",
      (api, id) => api.add(id, { name: "x", nmae: "typo" }),
      "body.nmae is not allowed",
    ],
    [
      "a missing required property",
      (api, id) => api.add(id, { mysql_settings: { auth_plugin: "caching_sha2_password" } }),
      "body.name is required",
    ],
    [
      "an empty name",
      (api, id) => api.add(id, { name: "" }),
      "body.name must NOT have fewer than 1 characters",
    ],
    ["a wrong type", (api, id) => api.add(id, { name: 42 }), "body.name must be string"],
    [
      "a value outside the enum",
      (api, id) => api.add(id, { name: "x", mysql_settings: { auth_plugin: "sha256_password" } }),
      'body.mysql_settings.auth_plugin must be one of "mysql_native_password", "caching_sha2_password"',
    ],
    [
      "a nested required property",
      (api, id) => api.add(id, { name: "x", settings: { acl: [{ topic: "t" }] } }),
      "body.settings.acl[0].permission is required",
    ],
    ["an update without settings", (api, id) => api.update(id, "doadmin", {}), "body.settings is required"],
    [
      "an update with more than settings",
      (api, id) => api.update(id, "doadmin", { settings: {}, name: "renamed" }),
      "body.name is not allowed",
    ],
    [
      "a reset_auth body with godo's undocumented settings",
      (api, id) => api.resetAuth(id, "doadmin", { settings: {} }),
      "body.settings is not allowed",
    ],
    ["a missing required body", (api, id) => api.request("POST", api.users(id)), "body is required"],
    [
      "a cluster id that is not a UUID",
      (api) => api.list("not-a-uuid"),
      'database_cluster_uuid (path parameter) must match format "uuid"',
    ],
  ];

  for (const [what, call, message] of invalid) {
    it(`answers 400 bad_request naming the field for ${what}`, async () => {
      const sim = await start();
      const api = digitalOceanApi(sim);
      const { id } = sim.digitalocean.addCluster({ engine: "mysql" });
      const before = sim.digitalocean.listUsers(id);
      const answer = await call(api, id);
      expect(answer.status).toBe(400);
      expect(answer.body).toEqual({
        id: "bad_request",
        message: expect.stringContaining(message),
        request_id: answer.headers.get("x-request-id"),
      });
      expect(answer.body.message).toMatch(/^Invalid request: /);
      expect(sim.digitalocean.listUsers(id)).toEqual(before);
      expect(sim.violations).toEqual([]);
    });
  }

  it("answers 400 for a body that is not JSON, and 415 for a non-JSON content type", async () => {
    const sim = await start();
    const api = digitalOceanApi(sim);
    const { id } = sim.digitalocean.addCluster({ engine: "pg" });
    const broken = await api.request("POST", api.users(id), {
      rawBody: '{"name": "x"',
      headers: { "content-type": "application/json" },
    });
    expect(broken.status).toBe(400);
    expect(broken.body).toMatchObject({ id: "bad_request", message: "The request body is not valid JSON." });
    const form = await api.request("POST", api.users(id), {
      rawBody: "name=x",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(form.status).toBe(415);
    expect(form.body).toMatchObject({ id: "unsupported_media_type" });
    expect(sim.digitalocean.listUsers(id).map((u) => u.name)).toEqual(["doadmin"]);
    expect(sim.violations).toEqual([]);
  });

  it("accepts every request example of the spec's add-user operation on a matching engine", async () => {
    const sim = await start();
    const api = digitalOceanApi(sim);
    const examples: Array<[Parameters<typeof sim.digitalocean.addCluster>[0]["engine"], unknown]> = [
      ["pg", { name: "app-01" }],
      ["mysql", { name: "app-02", mysql_settings: { auth_plugin: "mysql_native_password" } }],
      ["pg", { name: "replicator", settings: { pg_allow_replication: true } }],
      ["kafka", { name: "app-03", settings: { acl: [{ topic: "orders.*", permission: "produceconsume" }] } }],
      [
        "opensearch",
        { name: "search-reader", settings: { opensearch_acl: [{ index: "logs-*", permission: "read" }] } },
      ],
      [
        "mongodb",
        { name: "app-04", settings: { mongo_user_settings: { databases: ["my-db"], role: "readWrite" } } },
      ],
      ["mongodb", { name: "my-readonly", readonly: true }],
    ];
    for (const [engine, body] of examples) {
      const { id } = sim.digitalocean.addCluster({ engine });
      const answer = await api.add(id, body);
      expect(answer.status, JSON.stringify(body)).toBe(201);
    }
    expect(sim.violations).toEqual([]);
  });

  it("answers 404 not_found for a path the spec does not have", async () => {
    const sim = await start();
    const api = digitalOceanApi(sim);
    const answer = await api.request("GET", "/v2/databases");
    expect(answer.status).toBe(404);
    expect(answer.body).toMatchObject({ id: "not_found" });
    const outside = await fetch(`${sim.url}/nowhere`);
    expect(outside.status).toBe(404);
  });
});
