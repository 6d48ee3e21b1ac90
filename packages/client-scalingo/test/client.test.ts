// The raw client against Scalingo's real hosts: a fetch that records what would be sent (the network
// is outside the project) and answers like Scalingo.
import { Secret } from "@dbusers/core";
import { describe, expect, it } from "vitest";
import {
  createScalingoClient,
  SCALINGO_AUTH_URL,
  SCALINGO_REGIONS,
  type ScalingoClient,
  type ScalingoClientOptions,
  type ScalingoCreateUserBody,
  type ScalingoDatabaseUser,
} from "../src/index.ts";

const ADDON = "ad-3f1d7c52-8b4e-4f0a-9d6e-2c5b7a9e1f04";
// JWT-shaped tokens whose `exp` is far ahead (2100-01-01), as the caches read it.
const payload = (kind: string) =>
  Buffer.from(JSON.stringify({ kind, exp: 4_102_444_800 })).toString("base64url");
const BEARER = `eyJhbGciOiJIUzI1NiJ9.${payload("bearer")}.c2ln`;
const ADDON_TOKEN = `eyJhbGciOiJIUzI1NiJ9.${payload("addon")}.c2ln`;

/** A fetch standing for Scalingo's three services: the token flow's answers, and `answer` for the rest. */
function scalingoFetch(answer: () => Response = () => json(200, { "database-users": [] })) {
  const requests: Request[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    requests.push(request.clone());
    const path = new URL(request.url).pathname;
    if (path.endsWith("/v1/tokens/exchange")) return json(200, { token: BEARER });
    if (path.endsWith("/token")) return json(200, { addon: { id: ADDON, token: ADDON_TOKEN } });
    return answer();
  };
  return { fetch, requests };
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
}

const listUsers = (client: ScalingoClient, database = ADDON) =>
  client.GET("/api/databases/{database_id}/users", { params: { path: { database_id: database } } });

const apiToken = { apiToken: "tk-us-test", appId: "my-app", addonId: ADDON };

describe("createScalingoClient with an API token: hosts and credentials", () => {
  it("db-api routing (the default): exchange at auth, addon token at the regional API, users at db-api", async () => {
    const { fetch, requests } = scalingoFetch();
    const { data, error } = await listUsers(createScalingoClient({ ...apiToken, fetch }));
    expect(error).toBeUndefined();
    expect(data?.["database-users"]).toEqual([]);
    expect(requests.map((request) => `${request.method} ${request.url}`)).toEqual([
      `POST ${SCALINGO_AUTH_URL}/v1/tokens/exchange`,
      `POST https://api.osc-fr1.scalingo.com/v1/apps/my-app/addons/${ADDON}/token`,
      `GET https://db-api.osc-fr1.scalingo.com/api/databases/${ADDON}/users`,
    ]);
    expect(requests.map((request) => request.headers.get("authorization"))).toEqual([
      `Basic ${btoa(":tk-us-test")}`,
      `Bearer ${BEARER}`,
      `Bearer ${ADDON_TOKEN}`,
    ]);
    expect(requests[2]?.headers.get("accept")).toBe("application/json");
    expect(requests[2]?.headers.get("user-agent")).toMatch(/^dbusers\/\S+ \(scalingo\)$/);
  });

  it('"api" routing: the users at the regional API with the bearer, no addon token', async () => {
    const { fetch, requests } = scalingoFetch();
    await listUsers(createScalingoClient({ ...apiToken, routing: "api", fetch }));
    expect(requests.map((request) => [request.url, request.headers.get("authorization")])).toEqual([
      [`${SCALINGO_AUTH_URL}/v1/tokens/exchange`, `Basic ${btoa(":tk-us-test")}`],
      [`https://api.osc-fr1.scalingo.com/api/databases/${ADDON}/users`, `Bearer ${BEARER}`],
    ]);
  });

  it.each(Object.entries(SCALINGO_REGIONS))("region %s uses its own hosts", async (region, hosts) => {
    const { fetch, requests } = scalingoFetch();
    await listUsers(
      createScalingoClient({ ...apiToken, region: region as keyof typeof SCALINGO_REGIONS, fetch }),
    );
    expect(requests.map((request) => new URL(request.url).origin)).toEqual([
      SCALINGO_AUTH_URL,
      hosts.apiUrl,
      hosts.dbApiUrl,
    ]);
  });

  it("explicit URLs win over the region's, and baseUrl over all (one root for the three services)", async () => {
    const urls = { authUrl: "https://auth.example", apiUrl: "https://api.example/", dbApiUrl: "db.example" };
    const explicit = scalingoFetch();
    await listUsers(
      createScalingoClient({ ...apiToken, ...urls, region: "osc-secnum-fr1", fetch: explicit.fetch }),
    );
    expect(explicit.requests.map((request) => new URL(request.url).origin)).toEqual([
      "https://auth.example",
      "https://api.example",
      "https://db.example",
    ]);
    const proxied = scalingoFetch();
    await listUsers(
      createScalingoClient({
        ...apiToken,
        ...urls,
        baseUrl: "http://127.0.0.1:4010/scalingo",
        fetch: proxied.fetch,
      }),
    );
    expect(proxied.requests.map((request) => new URL(request.url).pathname)).toEqual([
      "/scalingo/v1/tokens/exchange",
      `/scalingo/v1/apps/my-app/addons/${ADDON}/token`,
      `/scalingo/api/databases/${ADDON}/users`,
    ]);
  });

  it("an API token given as a Secret is sent as it is", async () => {
    const { fetch, requests } = scalingoFetch();
    await listUsers(createScalingoClient({ ...apiToken, apiToken: new Secret("tk-us-secret"), fetch }));
    expect(requests[0]?.headers.get("authorization")).toBe(`Basic ${btoa(":tk-us-secret")}`);
  });
});

describe("createScalingoClient with a Database API token", () => {
  it("sends it to the Database API, given as a bare host as Scalingo's documentation writes it", async () => {
    const { fetch, requests } = scalingoFetch();
    const client = createScalingoClient({
      token: "db-token",
      dbApiUrl: "db-api.osc-secnum-fr1.scalingo.com",
      fetch,
    });
    await listUsers(client);
    expect(requests.map((request) => [request.url, request.headers.get("authorization")])).toEqual([
      [`https://db-api.osc-secnum-fr1.scalingo.com/api/databases/${ADDON}/users`, "Bearer db-token"],
    ]);
  });

  it("posts typed bodies and percent-encodes user names", async () => {
    const created = {
      database_user: { name: "my-user", read_only: false, protected: false, password: "pw" },
    };
    const { fetch, requests } = scalingoFetch(() => json(201, created));
    const client = createScalingoClient({
      token: "db-token",
      dbApiUrl: "https://db-api.osc-fr1.scalingo.com",
      fetch,
    });
    const body: ScalingoCreateUserBody = {
      database_user: { database_id: ADDON, name: "my-user", read_only: false },
    };
    const { data } = await client.POST("/api/databases/{database_id}/users", {
      params: { path: { database_id: ADDON } },
      body,
    });
    const user: ScalingoDatabaseUser | undefined =
      data && "database_user" in data ? data.database_user : data;
    expect(user?.password).toBe("pw");
    await client.POST("/api/databases/{database_id}/users/{username}/reset_password", {
      params: { path: { database_id: ADDON, username: "old user" } },
    });
    expect(requests.map((request) => `${request.method} ${new URL(request.url).pathname}`)).toEqual([
      `POST /api/databases/${ADDON}/users`,
      `POST /api/databases/${ADDON}/users/old%20user/reset_password`,
    ]);
    expect(await requests[0]?.json()).toEqual(body);
  });

  it("returns Scalingo's error bodies: {resource, error} on a 404", async () => {
    const { fetch } = scalingoFetch(() => json(404, { resource: "database", error: "not found" }));
    const client = createScalingoClient({
      token: "db-token",
      dbApiUrl: "db-api.osc-fr1.scalingo.com",
      fetch,
    });
    const { data, error, response } = await listUsers(client);
    expect(data).toBeUndefined();
    expect(response.status).toBe(404);
    expect(error).toEqual({ resource: "database", error: "not found" });
  });
});

// Type-level checks (run by `tsc --noEmit`, which includes test/).
export function typeChecks(): void {
  // @ts-expect-error one kind of credential: not both.
  const both: ScalingoClientOptions = { ...apiToken, token: "t", dbApiUrl: "x" };
  // @ts-expect-error a Database API token needs its URL.
  const noUrl: ScalingoClientOptions = { token: "t" };
  // @ts-expect-error routing goes with the token flow only.
  const routed: ScalingoClientOptions = { token: "t", dbApiUrl: "x", routing: "api" };
  const user: ScalingoDatabaseUser = { name: "a", read_only: false, protected: true, password: "p" };
  const password: string | undefined = user.password;
  void [both, noUrl, routed, password];
}
