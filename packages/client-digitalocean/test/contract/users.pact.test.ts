// Consumer contract of the DigitalOcean adapter: every operation's success and every documented error,
// driven through the real adapter against the Pact mock server. `pnpm contract` then checks the pact
// file against specs/digitalocean.yaml and replays it against the simulator.
import {
  AuthenticationError,
  type DatabaseUsersError,
  NotFoundError,
  RateLimitError,
  UnavailableError,
} from "@dbusers/core";
import { type FetchResult, unwrap } from "@dbusers/core/adapter";
import { Matchers } from "@pact-foundation/pact";
import { describe, expect, it } from "vitest";
import { createDigitalOceanUsers, type DigitalOceanUsers } from "../../src/index.ts";
import { digitalocean } from "../../src/vendor.ts";
import { digitalOceanPact } from "./pact.ts";
import { CLUSTER_ID, type ClusterStateParams, CONTRACT_TOKEN, REVOKED_TOKEN, States } from "./states.ts";

const { like, eachLike, regex } = Matchers;

const USERS_PATH = `/v2/databases/${CLUSTER_ID}/users`;
const userPath = (name: string) => `${USERS_PATH}/${name}`;
// A string pattern: the Rust matcher behind Pact rejects JavaScript's escaped `\/`.
const JSON_CONTENT = regex("^application/json(;.*)?$", "application/json; charset=utf-8");
const RATE_LIMIT_HEADERS = {
  "ratelimit-limit": regex(/^\d+$/, "5000"),
  "ratelimit-remaining": regex(/^\d+$/, "4999"),
  "ratelimit-reset": regex(/^\d+$/, "1767225600"),
};

const cluster = (engine: ClusterStateParams["engine"], users: string[] = []) => ({
  clusterId: CLUSTER_ID,
  engine,
  users,
});

function adapter(baseUrl: string, token = CONTRACT_TOKEN): DigitalOceanUsers {
  // One attempt per call: the contract describes single exchanges, retries are core's unit tests' job.
  return createDigitalOceanUsers({ token, clusterId: CLUSTER_ID, baseUrl, retry: false });
}

const pact = digitalOceanPact();

interface Request {
  method: "GET" | "POST" | "PUT" | "DELETE";
  path: string;
  body?: Record<string, unknown>;
}

function interaction(
  description: string,
  request: Request,
  states: [string, ClusterStateParams?][],
  token = CONTRACT_TOKEN,
) {
  let builder = pact.addInteraction();
  for (const [state, params] of states) {
    builder = params ? builder.given(state, params) : builder.given(state);
  }
  return builder.uponReceiving(description).withRequest(request.method, request.path, (b) => {
    b.headers({ Accept: "application/json", Authorization: `Bearer ${token}` });
    if (request.body) b.jsonBody(request.body);
  });
}

/** The lookup a create makes first, proving the name free: DigitalOcean answers 404. */
function lookupOfAbsent(name: string, engine: ClusterStateParams["engine"]) {
  interaction(`a lookup of user ${name}, which does not exist`, { method: "GET", path: userPath(name) }, [
    [States.clusterExists, cluster(engine)],
  ]).willRespondWith(404, (b) => {
    b.headers({ "Content-Type": JSON_CONTENT, ...RATE_LIMIT_HEADERS });
    b.jsonBody({ id: "not_found", message: like("The resource you requested could not be found.") });
  });
}

describe("DigitalOcean database users: successful operations", () => {
  it("databases_list_users lists every user, the primary one included", async () => {
    await interaction("a request to list the users", { method: "GET", path: USERS_PATH }, [
      [States.clusterExists, cluster("pg", ["app-01"])],
    ])
      .willRespondWith(200, (b) => {
        b.headers({ "Content-Type": JSON_CONTENT, ...RATE_LIMIT_HEADERS });
        b.jsonBody({
          users: [like({ name: "doadmin", role: "primary" }), like({ name: "app-01", role: "normal" })],
        });
      })
      .executeTest(async (mock) => {
        const users = await adapter(mock.url).list();
        expect(users.map((u) => u.name)).toEqual(["doadmin", "app-01"]);
        expect(users[0]).toMatchObject({
          provider: "digitalocean",
          id: "doadmin",
          role: "primary",
          protected: true,
        });
        expect(users[1]).toMatchObject({ id: "app-01", role: "normal", protected: false });
      });
  });

  it("databases_get_user returns one user without exposing its password", async () => {
    await interaction("a request to get user app-01", { method: "GET", path: userPath("app-01") }, [
      [States.clusterExists, cluster("pg", ["app-01"])],
    ])
      .willRespondWith(200, (b) => {
        b.headers({ "Content-Type": JSON_CONTENT, ...RATE_LIMIT_HEADERS });
        b.jsonBody({ user: like({ name: "app-01", role: "normal", password: "jge5lfxtzhx42iff" }) });
      })
      .executeTest(async (mock) => {
        const user = await adapter(mock.url).get("app-01");
        expect(user).toMatchObject({ name: "app-01", role: "normal", protected: false });
        expect(JSON.stringify(user)).not.toContain("jge5lfxtzhx42iff");
      });
  });

  it("databases_add_user creates a user and returns its generated password as a Secret", async () => {
    const body = { name: "app-01" };
    lookupOfAbsent("app-01", "pg");
    await interaction("a request to add user app-01", { method: "POST", path: USERS_PATH, body }, [
      [States.clusterExists, cluster("pg")],
    ])
      .willRespondWith(201, (b) => {
        b.headers({ "Content-Type": JSON_CONTENT, ...RATE_LIMIT_HEADERS });
        b.jsonBody({ user: like({ name: "app-01", role: "normal", password: "jge5lfxtzhx42iff" }) });
      })
      .executeTest(async (mock) => {
        const { user, password } = await adapter(mock.url).create({ name: "app-01" });
        expect(user.name).toBe("app-01");
        expect(password.reveal()).toBe("jge5lfxtzhx42iff");
        expect(String(password)).toBe("[REDACTED]");
      });
  });

  it("databases_add_user sends mysql_settings.auth_plugin for a MySQL user", async () => {
    const body = { name: "legacy-app", mysql_settings: { auth_plugin: "mysql_native_password" } };
    lookupOfAbsent("legacy-app", "mysql");
    await interaction(
      "a request to add a MySQL user with an auth plugin",
      { method: "POST", path: USERS_PATH, body },
      [[States.clusterExists, cluster("mysql")]],
    )
      .willRespondWith(201, (b) => {
        b.headers({ "Content-Type": JSON_CONTENT, ...RATE_LIMIT_HEADERS });
        b.jsonBody({
          user: like({
            name: "legacy-app",
            role: "normal",
            password: "jge5lfxtzhx42iff",
            mysql_settings: { auth_plugin: "mysql_native_password" },
          }),
        });
      })
      .executeTest(async (mock) => {
        const { user } = await adapter(mock.url).create({
          name: "legacy-app",
          authPlugin: "mysql_native_password",
        });
        expect(user.raw.mysql_settings?.auth_plugin).toBe("mysql_native_password");
      });
  });

  it("databases_add_user sends Kafka topic ACLs and gets their computed ids back", async () => {
    const acl = [{ topic: "orders.*", permission: "consume" }];
    const body = { name: "orders-reader", settings: { acl } };
    lookupOfAbsent("orders-reader", "kafka");
    await interaction(
      "a request to add a Kafka user with topic ACLs",
      { method: "POST", path: USERS_PATH, body },
      [[States.clusterExists, cluster("kafka")]],
    )
      .willRespondWith(201, (b) => {
        b.headers({ "Content-Type": JSON_CONTENT, ...RATE_LIMIT_HEADERS });
        b.jsonBody({
          user: like({
            name: "orders-reader",
            role: "normal",
            password: "jge5lfxtzhx42iff",
            access_cert: "-----BEGIN CERTIFICATE-----\nMIIF\n-----END CERTIFICATE-----",
            access_key: "-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----",
            settings: { acl: eachLike({ id: "aaa", topic: "orders.*", permission: "consume" }) },
          }),
        });
      })
      .executeTest(async (mock) => {
        const { user } = await adapter(mock.url).create({
          name: "orders-reader",
          settings: { acl: [{ topic: "orders.*", permission: "consume" }] },
        });
        expect(user.raw.settings?.acl?.[0]?.id).toBe("aaa");
        expect(String(user.raw.access_key)).toBe("[REDACTED]");
      });
  });

  it("databases_update_user replaces the settings and answers 201, as DigitalOcean documents", async () => {
    const body = { settings: { pg_allow_replication: true } };
    await interaction(
      "a request to update the settings of user app-01",
      { method: "PUT", path: userPath("app-01"), body },
      [[States.clusterExists, cluster("pg", ["app-01"])]],
    )
      .willRespondWith(201, (b) => {
        b.headers({ "Content-Type": JSON_CONTENT, ...RATE_LIMIT_HEADERS });
        b.jsonBody({
          user: like({ name: "app-01", role: "normal", settings: { pg_allow_replication: true } }),
        });
      })
      .executeTest(async (mock) => {
        const user = await adapter(mock.url).updateSettings("app-01", { pg_allow_replication: true });
        expect(user.raw.settings?.pg_allow_replication).toBe(true);
      });
  });

  it("databases_reset_auth rotates the password of a non-MySQL user with an empty body", async () => {
    await interaction(
      "a request to reset the password of user app-01",
      {
        method: "POST",
        path: `${userPath("app-01")}/reset_auth`,
        body: {},
      },
      [[States.clusterExists, cluster("pg", ["app-01"])]],
    )
      .willRespondWith(200, (b) => {
        b.headers({ "Content-Type": JSON_CONTENT, ...RATE_LIMIT_HEADERS });
        b.jsonBody({ user: like({ name: "app-01", role: "normal", password: "n3wpassw0rdv4lue" }) });
      })
      .executeTest(async (mock) => {
        const { password } = await adapter(mock.url).resetPassword("app-01");
        expect(password.reveal()).toBe("n3wpassw0rdv4lue");
      });
  });

  it("databases_reset_auth switches a MySQL user's auth plugin while rotating", async () => {
    const body = { mysql_settings: { auth_plugin: "caching_sha2_password" } };
    await interaction(
      "a request to reset a MySQL user's password and auth plugin",
      {
        method: "POST",
        path: `${userPath("legacy-app")}/reset_auth`,
        body,
      },
      [[States.clusterExists, cluster("mysql", ["legacy-app"])]],
    )
      .willRespondWith(200, (b) => {
        b.headers({ "Content-Type": JSON_CONTENT, ...RATE_LIMIT_HEADERS });
        b.jsonBody({
          user: like({
            name: "legacy-app",
            role: "normal",
            password: "n3wpassw0rdv4lue",
            mysql_settings: { auth_plugin: "caching_sha2_password" },
          }),
        });
      })
      .executeTest(async (mock) => {
        const { user } = await adapter(mock.url).resetPassword("legacy-app", {
          authPlugin: "caching_sha2_password",
        });
        expect(user.raw.mysql_settings?.auth_plugin).toBe("caching_sha2_password");
      });
  });

  it("databases_delete_user deletes a user and answers 204 with no body", async () => {
    await interaction("a request to delete user app-01", { method: "DELETE", path: userPath("app-01") }, [
      [States.clusterExists, cluster("pg", ["app-01"])],
    ])
      .willRespondWith(204, (b) => {
        b.headers(RATE_LIMIT_HEADERS);
      })
      .executeTest(async (mock) => {
        await expect(adapter(mock.url).delete("app-01")).resolves.toBeUndefined();
      });
  });
});

// Every operation meets each documented error; the table keeps the 30 interactions uniform. A mutation's
// request is sent through the raw client here, each error once: the adapter's own sequence around it (the
// lookup before a create, the look after a lost answer, re-sends) is the conformance suite's to prove.
interface Operation {
  id: string;
  request: Request;
  /** The state in which the 404 applies: an unknown cluster (collection routes) or user. */
  notFound: [string, ClusterStateParams];
  call: (users: DigitalOceanUsers) => Promise<unknown>;
}

/** One request of the raw client, its answer turned into the adapter's typed error. */
const raw = (send: (client: DigitalOceanUsers["client"]) => Promise<FetchResult<unknown>>) => {
  return async (users: DigitalOceanUsers) => unwrap(await send(users.client), digitalocean);
};
const cluster_ = { path: { database_cluster_uuid: CLUSTER_ID } };
const user_ = (username: string) => ({ path: { database_cluster_uuid: CLUSTER_ID, username } });

const operations: Operation[] = [
  {
    id: "databases_list_users",
    request: { method: "GET", path: USERS_PATH },
    notFound: [States.clusterMissing, cluster("pg")],
    call: (users) => users.list(),
  },
  {
    id: "databases_add_user",
    request: { method: "POST", path: USERS_PATH, body: { name: "app-01" } },
    notFound: [States.clusterMissing, cluster("pg")],
    call: raw((client) =>
      client.POST("/v2/databases/{database_cluster_uuid}/users", {
        params: cluster_,
        body: { name: "app-01" },
      }),
    ),
  },
  {
    id: "databases_get_user",
    request: { method: "GET", path: userPath("app-01") },
    notFound: [States.clusterExists, cluster("pg")],
    call: (users) => users.get("app-01"),
  },
  {
    id: "databases_update_user",
    request: { method: "PUT", path: userPath("app-01"), body: { settings: { pg_allow_replication: false } } },
    notFound: [States.clusterExists, cluster("pg")],
    call: (users) => users.updateSettings("app-01", { pg_allow_replication: false }),
  },
  {
    id: "databases_delete_user",
    request: { method: "DELETE", path: userPath("app-01") },
    notFound: [States.clusterExists, cluster("pg")],
    call: raw((client) =>
      client.DELETE("/v2/databases/{database_cluster_uuid}/users/{username}", {
        params: user_("app-01"),
        parseAs: "text",
      }),
    ),
  },
  {
    id: "databases_reset_auth",
    request: { method: "POST", path: `${userPath("app-01")}/reset_auth`, body: {} },
    notFound: [States.clusterExists, cluster("pg")],
    call: raw((client) =>
      client.POST("/v2/databases/{database_cluster_uuid}/users/{username}/reset_auth", {
        params: user_("app-01"),
        body: {},
      }),
    ),
  },
];

async function rejection(promise: Promise<unknown>): Promise<DatabaseUsersError> {
  return promise.then(
    () => expect.fail("expected the call to be rejected"),
    (error: DatabaseUsersError) => error,
  );
}

describe.each(operations)("DigitalOcean database users: errors of $id", (operation) => {
  const existing = cluster("pg", ["app-01"]);

  it("401: an unknown token is an AuthenticationError", async () => {
    await interaction(
      `${operation.id} with a revoked token`,
      operation.request,
      [[States.clusterExists, existing]],
      REVOKED_TOKEN,
    )
      .willRespondWith(401, (b) => {
        b.headers({ "Content-Type": JSON_CONTENT, ...RATE_LIMIT_HEADERS });
        b.jsonBody({ id: "unauthorized", message: like("Unable to authenticate you.") });
      })
      .executeTest(async (mock) => {
        const error = await rejection(operation.call(adapter(mock.url, REVOKED_TOKEN)));
        expect(error).toBeInstanceOf(AuthenticationError);
        expect(error).toMatchObject({ status: 401, vendorCode: "unauthorized" });
        expect(error.message).not.toContain(REVOKED_TOKEN);
      });
  });

  it("404: an unknown cluster or user is a NotFoundError", async () => {
    await interaction(`${operation.id} for something that does not exist`, operation.request, [
      operation.notFound,
    ])
      .willRespondWith(404, (b) => {
        b.headers({ "Content-Type": JSON_CONTENT, ...RATE_LIMIT_HEADERS });
        b.jsonBody({ id: "not_found", message: like("The resource you requested could not be found.") });
      })
      .executeTest(async (mock) => {
        const error = await rejection(operation.call(adapter(mock.url)));
        expect(error).toBeInstanceOf(NotFoundError);
        expect(error).toMatchObject({ status: 404, vendorCode: "not_found" });
      });
  });

  it("429: an exhausted rate limit is a RateLimitError carrying retry-after", async () => {
    await interaction(`${operation.id} beyond the rate limit`, operation.request, [
      [States.clusterExists, existing],
      [States.rateLimitExhausted],
    ])
      .willRespondWith(429, (b) => {
        b.headers({
          "Content-Type": JSON_CONTENT,
          // A burst-limit 429: retry-after is set; the hourly count (ratelimit-remaining) need not be 0.
          ...RATE_LIMIT_HEADERS,
          "retry-after": regex(/^\d+$/, "30"),
        });
        b.jsonBody({ id: "too_many_requests", message: like("API Rate limit exceeded.") });
      })
      .executeTest(async (mock) => {
        const error = await rejection(operation.call(adapter(mock.url)));
        expect(error).toBeInstanceOf(RateLimitError);
        expect((error as RateLimitError).retryAfterMs).toBe(30_000);
      });
  });

  it("500: a server error is an UnavailableError with DigitalOcean's message", async () => {
    await interaction(`${operation.id} while DigitalOcean fails`, operation.request, [
      [States.clusterExists, existing],
      [States.serverError],
    ])
      .willRespondWith(500, (b) => {
        b.headers({ "Content-Type": JSON_CONTENT, ...RATE_LIMIT_HEADERS });
        b.jsonBody({
          id: "server_error",
          message: like("Unexpected server-side error"),
          request_id: like("4d9d8375-3c56-4925-a3e7-eb137fed17e9"),
        });
      })
      .executeTest(async (mock) => {
        const error = await rejection(operation.call(adapter(mock.url)));
        expect(error).toBeInstanceOf(UnavailableError);
        expect(error).toMatchObject({
          status: 500,
          vendorCode: "server_error",
          requestId: "4d9d8375-3c56-4925-a3e7-eb137fed17e9",
        });
      });
  });
});
