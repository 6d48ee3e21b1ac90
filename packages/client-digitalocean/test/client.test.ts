import { Secret } from "@dbusers/core";
import { describe, expect, it } from "vitest";
import type { components, Writable } from "../src/generated/schema.ts";
import {
  createDigitalOceanClient,
  DIGITALOCEAN_API_URL,
  type DigitalOceanClient,
  type DigitalOceanCreateUserBody,
  type DigitalOceanDatabaseUser,
} from "../src/index.ts";

const cluster = "9cc10173-e9ea-4176-9dbc-a4cee4c4ff30";

/** A fetch that records each request and answers with the given statuses (the last one repeats). */
function fakeFetch(statuses: number | number[], body?: unknown) {
  const requests: Request[] = [];
  const queue = Array.isArray(statuses) ? [...statuses] : [statuses];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    requests.push(request.clone());
    const status = queue.length > 1 ? (queue.shift() as number) : (queue[0] as number);
    return new Response(body === undefined ? null : JSON.stringify(body), {
      status,
      headers: body === undefined ? {} : { "content-type": "application/json; charset=utf-8" },
    });
  };
  return { fetch, requests };
}

describe("createDigitalOceanClient", () => {
  it("sends the bearer token to the spec's path on api.digitalocean.com", async () => {
    const { fetch, requests } = fakeFetch(200, { user: { name: "app-01", role: "normal", password: "pw" } });
    const client = createDigitalOceanClient({ token: "dop_v1_test", fetch });

    const { data, error } = await client.GET("/v2/databases/{database_cluster_uuid}/users/{username}", {
      params: { path: { database_cluster_uuid: cluster, username: "app-01" } },
    });

    expect(error).toBeUndefined();
    const user: DigitalOceanDatabaseUser | undefined = data?.user;
    expect(user?.password).toBe("pw");
    expect(requests).toHaveLength(1);
    const [request] = requests;
    expect(request?.method).toBe("GET");
    expect(request?.url).toBe(`${DIGITALOCEAN_API_URL}/v2/databases/${cluster}/users/app-01`);
    expect(request?.headers.get("authorization")).toBe("Bearer dop_v1_test");
    expect(request?.headers.get("accept")).toBe("application/json");
    expect(request?.headers.get("user-agent")).toMatch(/^dbusers\/\S+ \(digitalocean\)$/);
  });

  it("installs core's middleware: auth and user-agent on every attempt, a 429 retried", async () => {
    const { fetch, requests } = fakeFetch([429, 200], { users: [] });
    const client = createDigitalOceanClient({
      token: new Secret("dop_v1_secret"),
      fetch,
      userAgent: "app/1.0",
      retry: { baseDelayMs: 1, maxDelayMs: 1 },
    });
    const { data, response } = await client.GET("/v2/databases/{database_cluster_uuid}/users", {
      params: { path: { database_cluster_uuid: cluster } },
    });
    expect(response.status).toBe(200);
    expect(data?.users).toEqual([]);
    expect(requests).toHaveLength(2);
    for (const request of requests) {
      expect(request.headers.get("authorization")).toBe("Bearer dop_v1_secret");
      expect(request.headers.get("user-agent")).toMatch(/^app\/1\.0 dbusers\//);
    }
  });

  it("posts a typed JSON body, percent-encodes path parameters and honours baseUrl", async () => {
    const { fetch, requests } = fakeFetch(201, { user: { name: "app 02", role: "normal" } });
    const client = createDigitalOceanClient({ token: "t", fetch, baseUrl: "http://127.0.0.1:4010/" });

    const created = await client.POST("/v2/databases/{database_cluster_uuid}/users", {
      params: { path: { database_cluster_uuid: cluster } },
      body: { name: "app 02", mysql_settings: { auth_plugin: "caching_sha2_password" } },
    });
    expect(created.response.status).toBe(201);

    await client.POST("/v2/databases/{database_cluster_uuid}/users/{username}/reset_auth", {
      params: { path: { database_cluster_uuid: cluster, username: "app 02" } },
      body: {},
    });

    expect(requests.map((request) => `${request.method} ${request.url}`)).toEqual([
      `POST http://127.0.0.1:4010/v2/databases/${cluster}/users`,
      `POST http://127.0.0.1:4010/v2/databases/${cluster}/users/app%2002/reset_auth`,
    ]);
    expect(await requests[0]?.json()).toEqual({
      name: "app 02",
      mysql_settings: { auth_plugin: "caching_sha2_password" },
    });
    expect(requests[0]?.headers.get("content-type")).toBe("application/json");
  });

  it("returns DigitalOcean's error body on failure", async () => {
    const { fetch } = fakeFetch(404, {
      id: "not_found",
      message: "The resource you requested could not be found.",
    });
    const client = createDigitalOceanClient({ token: "t", fetch });
    const { data, error, response } = await client.DELETE(
      "/v2/databases/{database_cluster_uuid}/users/{username}",
      { params: { path: { database_cluster_uuid: cluster, username: "nobody" } } },
    );
    expect(data).toBeUndefined();
    expect(response.status).toBe(404);
    expect(error?.id).toBe("not_found");
  });

  it("requires a token", () => {
    expect(() => createDigitalOceanClient({ token: "" })).toThrow(/token/);
  });
});

// Type-level checks (run by `tsc --noEmit`, which includes test/). openapi-fetch infers the init object
// generically, so excess properties in `body` are not flagged there: readOnly exclusion is checked on the
// body types themselves.
export function typeChecks(client: DigitalOceanClient): void {
  const path = { database_cluster_uuid: cluster };
  void client.POST("/v2/databases/{database_cluster_uuid}/users", {
    params: { path },
    // @ts-expect-error name is required.
    body: { settings: {} },
  });
  void client.PUT("/v2/databases/{database_cluster_uuid}/users/{username}", {
    params: { path: { ...path, username: "a" } },
    // The Kafka ACL id is computed by DigitalOcean but sent back on update: it stays writable.
    body: { settings: { acl: [{ id: "aaa", topic: "t", permission: "consume" }] } },
  });
  const create: DigitalOceanCreateUserBody = {
    name: "a",
    // @ts-expect-error password is readOnly: DigitalOcean generates it.
    password: "chosen",
  };
  // With --read-write-markers, even the shared database_user schema refuses readOnly fields when written.
  const written: Writable<components["schemas"]["database_user"]> = {
    name: "a",
    // @ts-expect-error role is readOnly.
    role: "normal",
  };
  // ...and they read back as plain strings.
  const user: DigitalOceanDatabaseUser = { name: "a", role: "primary", password: "p" };
  const password: string | undefined = user.password;
  void [create, written, password];
}
