// The raw typed client on its own: against the simulator, with a recording fetch; and, for the default
// server only, against a fetch that answers without sending (no test reaches cloud.hostup.se).
import { Secret } from "@dbusers/core";
import { recordingFetch, startTestSimulator } from "@dbusers/testing";
import { describe, expect, it } from "vitest";
import {
  createHostUpClient,
  HOSTUP_API_URL,
  type HostUpClient,
  type HostUpGrantPrivilegesBody,
} from "../src/index.ts";

const { sim } = await startTestSimulator({ tokens: { hostup_key: ["*"] }, defaultToken: false });
const USERS = "/shared-hosting/{accountId}/database-users";

describe("createHostUpClient", () => {
  it("sends the bearer API key to the spec's path under https://cloud.hostup.se/api/v2", async () => {
    const sent: Request[] = [];
    const answering = async (input: RequestInfo | URL, init?: RequestInit) => {
      sent.push(new Request(input, init));
      return Response.json({ databaseUsers: [] });
    };
    const client = createHostUpClient({ token: "hostup_key", fetch: answering });
    await client.GET(USERS, { params: { path: { accountId: "acct_1" } } });
    expect(HOSTUP_API_URL).toBe("https://cloud.hostup.se/api/v2");
    expect(sent.map((request) => request.url)).toEqual([
      "https://cloud.hostup.se/api/v2/shared-hosting/acct_1/database-users",
    ]);
    expect(sent[0]?.headers.get("authorization")).toBe("Bearer hostup_key");
    expect(sent[0]?.headers.get("accept")).toBe("application/json");
    expect(sent[0]?.headers.get("user-agent")).toMatch(/^dbusers\/\S+ \(hostup\)$/);
  });

  it("reads HostUp's answers typed by the spec, nulls included", async () => {
    const { id } = sim.hostup.addAccount({ users: [{ username: "app", host: null }] });
    const client = createHostUpClient({ token: "hostup_key", baseUrl: sim.urls.hostup });
    const { data } = await client.GET(USERS, { params: { path: { accountId: id } } });
    const host: string | null | undefined = data?.databaseUsers[0]?.host;
    expect(host).toBeNull();
    expect(data?.databaseUsers[0]?.id).toMatch(/^dbu_/);
  });

  it("asks for the key on every attempt: a throttled call is re-sent with the key of the moment", async () => {
    const { id } = sim.hostup.addAccount();
    const { fetch, requests } = recordingFetch();
    const keys = ["hostup_key_old", "hostup_key"];
    const client = createHostUpClient({
      token: () => new Secret(keys.shift() ?? "hostup_key"),
      fetch,
      baseUrl: sim.urls.hostup,
      retry: { baseDelayMs: 1, maxDelayMs: 1 },
    });
    sim.failNext({ vendor: "hostup", status: 429, retryAfterSeconds: 0 });
    const { response } = await client.GET(USERS, { params: { path: { accountId: id } } });
    expect(response.status).toBe(200);
    expect(requests.map((request) => request.headers.get("authorization"))).toEqual([
      "Bearer hostup_key_old",
      "Bearer hostup_key",
    ]);
  });

  it("sends a JSON body on a DELETE (revoke) and percent-encodes the user", async () => {
    const { id } = sim.hostup.addAccount({
      databases: ["abcde_shop"],
      users: [{ username: "old user", privileges: { abcde_shop: ["SELECT", "INSERT"] } }],
    });
    const { fetch, requests } = recordingFetch();
    const client = createHostUpClient({ token: "hostup_key", fetch, baseUrl: `${sim.urls.hostup}/` });
    const { response } = await client.DELETE(
      "/shared-hosting/{accountId}/database-users/{username}/privileges",
      {
        params: { path: { accountId: id, username: "old user" } },
        body: { database: "abcde_shop", privileges: ["INSERT"] },
      },
    );
    expect(response.status).toBe(204);
    expect(requests[0]?.path).toBe(`/hostup/shared-hosting/${id}/database-users/old%20user/privileges`);
    expect(requests[0]?.headers.get("content-type")).toBe("application/json");
    expect(sim.hostup.getUser(id, "old user")?.privileges).toEqual({ abcde_shop: ["SELECT"] });
  });

  it("returns HostUp's problem document, typed, on failure", async () => {
    const { id } = sim.hostup.addAccount();
    const client = createHostUpClient({ token: "hostup_key", baseUrl: sim.urls.hostup });
    const { data, error, response } = await client.DELETE(
      "/shared-hosting/{accountId}/database-users/{username}",
      {
        params: { path: { accountId: id, username: "nobody" } },
      },
    );
    expect(data).toBeUndefined();
    expect(response.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    const code: string | undefined = error?.code;
    expect(code).toBe("not_found");
    expect(error?.requestId).toMatch(/^req_[0-9a-f]{32}$/);
  });

  it("requires an API key", () => {
    expect(() => createHostUpClient({ token: "" })).toThrow(/token/);
  });
});

// Type-level checks (run by `tsc --noEmit`, which includes test/).
export function typeChecks(client: HostUpClient): void {
  void client.POST(USERS, {
    params: { path: { accountId: "acct_1" } },
    // @ts-expect-error password is required: HostUp makes the caller choose it.
    body: { username: "app" },
  });
  const grant: HostUpGrantPrivilegesBody = {
    database: "abcde_shop",
    // @ts-expect-error privileges are the spec's canonical names only.
    privileges: ["select"],
  };
  void grant;
}
