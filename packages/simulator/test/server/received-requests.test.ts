// `sim.requests`: what a consumer's test asserts its code sent, credentials masked.
import { describe, expect, it } from "vitest";
import { RECEIVED_REQUESTS_KEPT } from "../../src/framework/received-requests.ts";
import { DEFAULT_TOKEN } from "../../src/index.ts";
import { cloud66Api } from "../cloud66/api.ts";
import { start } from "../helpers.ts";

const STACK = "5999b763474b0eafa5fafb64bff0ba80";
const CLUSTER = "9cc10173-e9ea-4176-9dbc-a4cee4c4ff30";

describe("sim.requests", () => {
  it("records each request's vendor, method, path, query, operation and body, in order", async () => {
    const sim = await start({ seed: "demo" });
    const api = cloud66Api(sim, STACK, 3817);
    await api.list({ page: "2" });
    await api.create({ username: "reporting", password: "Hunter2-Hunter2", database_ids: ["db_abc123"] });
    expect(sim.requests).toEqual([
      {
        vendor: "cloud66",
        method: "GET",
        path: `/stacks/${STACK}/server_groups/3817/database_users`,
        query: { page: "2" },
        operationId: expect.any(String),
        body: undefined,
        requestId: expect.any(String),
      },
      {
        vendor: "cloud66",
        method: "POST",
        path: `/stacks/${STACK}/server_groups/3817/database_users`,
        query: {},
        operationId: expect.any(String),
        body: { username: "reporting", password: "[REDACTED]", database_ids: ["db_abc123"] },
        requestId: expect.any(String),
      },
    ]);
    expect(JSON.stringify(sim.requests)).not.toContain("Hunter2");
    expect(JSON.stringify(sim.requests)).not.toContain(DEFAULT_TOKEN);
  });

  it("masks credential fields at any depth and in the query, and keeps no header", async () => {
    const sim = await start({ seed: "demo" });
    await fetch(`${sim.urls.digitalocean}/v2/databases/${CLUSTER}/users?access_token=abc123`, {
      method: "POST",
      headers: { authorization: `Bearer ${DEFAULT_TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify({ name: "etl", settings: { nested: { api_key: "k-123", kept: 1 } } }),
    });
    const [request] = sim.requests;
    expect(request).toMatchObject({
      vendor: "digitalocean",
      query: { access_token: "[REDACTED]" },
      body: { name: "etl", settings: { nested: { api_key: "[REDACTED]", kept: 1 } } },
    });
    expect(Object.keys(request ?? {})).not.toContain("headers");
    expect(JSON.stringify(sim.requests)).not.toMatch(/abc123|k-123/);
  });

  it("records a body that is not JSON by its length only", async () => {
    const sim = await start({ seed: "demo" });
    await fetch(`${sim.urls.digitalocean}/v2/databases/${CLUSTER}/users`, {
      method: "POST",
      headers: { authorization: `Bearer ${DEFAULT_TOKEN}`, "content-type": "application/json" },
      body: "password=hunter2",
    });
    expect(sim.requests[0]?.body).toBe("[a body that is not JSON, 16 characters]");
  });

  it("is emptied by clearRequests() and by reset(); what a test holds does not change", async () => {
    const sim = await start({ seed: "demo" });
    const api = cloud66Api(sim, STACK, 3817);
    await api.list();
    const held = sim.requests;
    sim.clearRequests();
    expect(sim.requests).toEqual([]);
    expect(held).toHaveLength(1);
    await api.list();
    sim.reset();
    expect(sim.requests).toEqual([]);
  });

  it(`keeps the last ${RECEIVED_REQUESTS_KEPT}`, async () => {
    const sim = await start();
    for (let i = 0; i <= RECEIVED_REQUESTS_KEPT; i++) {
      await fetch(`${sim.urls.hostup}/api/v2/shared-hosting/acct_1/database-users?n=${i}`);
    }
    expect(sim.requests).toHaveLength(RECEIVED_REQUESTS_KEPT);
    expect(sim.requests[0]?.query).toEqual({ n: "1" });
  });
});
