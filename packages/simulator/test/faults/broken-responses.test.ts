import { describe, expect, it } from "vitest";
import { DEFAULT_TOKEN, type Simulator } from "../../src/index.ts";
import { start } from "../helpers.ts";

/** A real add-user request with plain fetch: the body is read as text, not trusted to be JSON. */
async function addUser(sim: Simulator, clusterId: string, name: string, signal?: AbortSignal) {
  const response = await fetch(`${sim.urls.digitalocean}/v2/databases/${clusterId}/users`, {
    method: "POST",
    headers: { authorization: `Bearer ${DEFAULT_TOKEN}`, "content-type": "application/json" },
    body: JSON.stringify({ name }),
    ...(signal ? { signal } : {}),
  });
  return {
    status: response.status,
    contentType: response.headers.get("content-type"),
    text: await response.text(),
  };
}

describe("faults that break the answer: truncated body, HTML page, wrong content type, hang", () => {
  it("truncate: handles the request, then sends the JSON body cut short with the real status and content type", async () => {
    const sim = await start();
    const { id } = sim.digitalocean.addCluster({ engine: "pg" });
    sim.failNext({ truncate: true, operationId: "databases_add_user" });
    const answer = await addUser(sim, id, "app-01");
    expect(answer.status).toBe(201);
    expect(answer.contentType).toBe("application/json; charset=utf-8");
    expect(answer.text.length).toBeGreaterThan(10);
    expect(answer.text.startsWith('{"user":{"name":"app-01"')).toBe(true);
    expect(() => JSON.parse(answer.text)).toThrow(SyntaxError);
    // The server applied the change although the client could not read the answer.
    expect(sim.digitalocean.getUser(id, "app-01")).toMatchObject({ name: "app-01" });
    expect(sim.violations).toEqual([]);
  });

  it("html: answers a proxy's HTML error page with its status, without handling the request", async () => {
    const sim = await start();
    const { id } = sim.digitalocean.addCluster({ engine: "pg" });
    sim.failNext({ html: 502 });
    const answer = await addUser(sim, id, "app-01");
    expect(answer.status).toBe(502);
    expect(answer.contentType).toBe("text/html; charset=utf-8");
    expect(answer.text).toContain("<title>502 Bad Gateway</title>");
    expect(sim.digitalocean.getUser(id, "app-01")).toBeUndefined();
    expect((await addUser(sim, id, "app-01")).status).toBe(201); // once only
    expect(sim.violations).toEqual([]);
  });

  it("contentType: handles the request, then sends its JSON body labelled with a wrong content type", async () => {
    const sim = await start();
    const { id } = sim.digitalocean.addCluster({ engine: "pg" });
    sim.failNext({ contentType: "text/plain", operationId: "databases_add_user" });
    const answer = await addUser(sim, id, "app-01");
    expect(answer.status).toBe(201);
    expect(answer.contentType).toBe("text/plain");
    expect(JSON.parse(answer.text).user.name).toBe("app-01");
    expect(sim.digitalocean.getUser(id, "app-01")).toBeDefined();
    expect(sim.violations).toEqual([]);
  });

  it("validates a handled request's own response before a fault breaks it", async () => {
    const sim = await start();
    const { id } = sim.digitalocean.addCluster({ engine: "pg" });
    sim.debug.transformResponse = (response) => ({ ...response, body: { user: { name: 42 } } });
    sim.failNext({ contentType: "text/plain" });
    const answer = await addUser(sim, id, "app-01");
    expect(answer.status).toBe(500);
    expect(answer.contentType).toBe("text/plain");
    expect(JSON.parse(answer.text)).toMatchObject({ id: "simulator_contract_violation" });
    expect(sim.violations.map((v) => v.operationId)).toEqual(["databases_add_user"]);
  });

  it("hang: never answers nor handles, until the client gives up; the connection pool recovers", async () => {
    const sim = await start();
    const { id } = sim.digitalocean.addCluster({ engine: "pg" });
    sim.failNext({ hang: true, operationId: "databases_add_user" });
    const started = Date.now();
    await expect(addUser(sim, id, "app-01", AbortSignal.timeout(300))).rejects.toThrow(
      expect.objectContaining({ name: "TimeoutError" }),
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(sim.digitalocean.getUser(id, "app-01")).toBeUndefined();
    expect((await addUser(sim, id, "app-01")).status).toBe(201);
  });

  it("hang: sim.close() does not wait for a hanging request", async () => {
    const sim = await start();
    const { id } = sim.digitalocean.addCluster({ engine: "pg" });
    sim.failNext({ hang: true });
    const hanging = addUser(sim, id, "app-01");
    // Let the request reach the server and hang there.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const closing = Date.now();
    await sim.close();
    expect(Date.now() - closing).toBeLessThan(1000);
    await expect(hanging).rejects.toThrow(TypeError);
  });

  it("refuses faults whose answers exclude each other or mean nothing", async () => {
    const sim = await start();
    expect(() => sim.failNext({ truncate: true, html: 502 })).toThrow("truncate and html exclude each other");
    expect(() => sim.failNext({ hang: true, status: 500 })).toThrow(TypeError);
    expect(() => sim.failNext({ hang: true, delayMs: 100 })).toThrow(TypeError);
    expect(() => sim.failNext({ html: 200 })).toThrow(TypeError);
    expect(() => sim.failNext({ contentType: " " })).toThrow(TypeError);
  });
});
