import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, it, onTestFinished, vi } from "vitest";
import { parse, stringify } from "yaml";
import { resolveSpecFile } from "../../src/framework/spec.ts";
import type { SimulatorLogger } from "../../src/index.ts";
import { digitalOceanApi, start } from "../helpers.ts";

function recordingLogger(): SimulatorLogger & { warnings: string[] } {
  const warnings: string[] = [];
  return { warnings, info: vi.fn(), warn: (message) => warnings.push(message), error: vi.fn() };
}

describe("response validation: the simulator never silently breaks its own spec", () => {
  it("replaces a response whose body violates the spec with 500 simulator_contract_violation, records and logs it", async () => {
    const logger = recordingLogger();
    const sim = await start({ logger });
    const api = digitalOceanApi(sim);
    const { id } = sim.digitalocean.addCluster({ engine: "pg", users: [{ name: "app-01" }] });
    // Corrupt the handler's response: the spec says user.name is a string and user.role an enum.
    sim.debug.transformResponse = (response, info) =>
      info.operationId === "databases_get_user"
        ? { ...response, body: { user: { name: 42, role: "superuser" } } }
        : undefined;

    const answer = await api.get(id, "app-01");
    expect(answer.status).toBe(500);
    expect(answer.body).toMatchObject({
      id: "simulator_contract_violation",
      message: expect.stringContaining("body.user.name must be string"),
      request_id: answer.headers.get("x-request-id"),
    });
    expect(answer.body.message).toContain("body.user.role must be equal to one of the allowed values");
    expect(answer.headers.get("ratelimit-limit")).toBe("5000");

    expect(sim.violations).toHaveLength(1);
    expect(sim.violations[0]).toMatchObject({
      vendor: "digitalocean",
      operationId: "databases_get_user",
      method: "GET",
      path: `/v2/databases/${id}/users/app-01`,
      requestId: answer.headers.get("x-request-id"),
      kind: "response-body",
      response: { status: 200, body: { user: { name: 42, role: "superuser" } } },
    });
    expect(logger.warnings).toHaveLength(1);
    expect(logger.warnings[0]).toContain("contract violation");
    expect(logger.warnings[0]).toContain("databases_get_user");

    // Other operations are untouched by the transform and still valid.
    expect((await api.list(id)).status).toBe(200);
    expect(sim.violations).toHaveLength(1);
  });

  it("catches a response missing a required property and an error body in the wrong format", async () => {
    const sim = await start();
    const api = digitalOceanApi(sim);
    const { id } = sim.digitalocean.addCluster({ engine: "pg" });
    sim.debug.transformResponse = (response) =>
      response.status === 201
        ? { ...response, body: { users: [] } } // `user` is required
        : response.status === 404
          ? { ...response, body: { error: "not found" } } // DigitalOcean errors are {id, message}
          : undefined;
    expect((await api.add(id, { name: "x" })).status).toBe(500);
    expect((await api.get(id, "nobody")).status).toBe(500);
    expect(sim.violations.map((v) => [v.operationId, v.response.status, v.kind])).toEqual([
      ["databases_add_user", 201, "response-body"],
      ["databases_get_user", 404, "response-body"],
    ]);
    expect(sim.violations[0]?.errors).toEqual(["body must have required property 'user' (user)"]);
    expect(sim.violations[1]?.errors.join()).toContain("(id)");
  });

  it("catches a body on a 204 and a malformed declared header", async () => {
    const sim = await start();
    const api = digitalOceanApi(sim);
    const { id } = sim.digitalocean.addCluster({ engine: "pg", users: [{ name: "a" }] });
    sim.debug.transformResponse = (response) =>
      response.status === 204
        ? { ...response, body: { deleted: true } }
        : {
            ...response,
            headers: { ...response.headers, "ratelimit-remaining": "plenty", "x-request-id": "nope" },
          };
    expect((await api.remove(id, "a")).status).toBe(500);
    const listed = await api.list(id);
    expect(listed.status).toBe(500);
    expect(sim.violations.map((v) => v.kind)).toEqual(["response-body", "response-headers"]);
    expect(sim.violations[1]?.errors).toEqual([
      "headers.ratelimit-remaining must be integer",
      'headers.x-request-id must match format "uuid"',
    ]);
  });

  it("with strict: false sends the violating response anyway, but still records and logs it", async () => {
    const logger = recordingLogger();
    const sim = await start({ strict: false, logger });
    const api = digitalOceanApi(sim);
    const { id } = sim.digitalocean.addCluster({ engine: "pg", users: [{ name: "app-01" }] });
    sim.debug.transformResponse = (response) => ({ ...response, body: { user: { role: "normal" } } });
    const answer = await api.get(id, "app-01");
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ user: { role: "normal" } });
    expect(sim.violations).toHaveLength(1);
    expect(sim.violations[0]?.errors).toEqual(["body.user must have required property 'name' (name)"]);
    expect(logger.warnings).toHaveLength(1);
  });

  it("flags a status the spec does not declare for the operation (spec without a default response)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "dbusers-simulator-spec-"));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    // Every vendor's spec, then DigitalOcean's without its default response.
    cpSync(dirname(resolveSpecFile("digitalocean.yaml")), dir, { recursive: true });
    const document = parse(readFileSync(resolveSpecFile("digitalocean.yaml"), "utf8"));
    delete document.paths["/v2/databases/{database_cluster_uuid}/users"].get.responses.default;
    writeFileSync(join(dir, "digitalocean.yaml"), stringify(document));

    const sim = await start({ specsDir: dir });
    const api = digitalOceanApi(sim);
    const { id } = sim.digitalocean.addCluster({ engine: "pg" });
    sim.debug.transformResponse = (response) => ({ ...response, status: 418 });
    const answer = await api.list(id);
    expect(answer.status).toBe(500);
    expect(sim.violations[0]).toMatchObject({
      kind: "response-status",
      errors: ["status 418 is not declared for databases_list_users (and there is no default)"],
    });
  });

  it("keeps violations across reset() until clearViolations()", async () => {
    const sim = await start();
    const api = digitalOceanApi(sim);
    const { id } = sim.digitalocean.addCluster({ engine: "pg" });
    sim.debug.transformResponse = (response) => ({ ...response, body: "not an object" });
    await api.list(id);
    sim.debug.transformResponse = undefined;
    sim.reset();
    expect(sim.violations).toHaveLength(1);
    sim.clearViolations();
    expect(sim.violations).toEqual([]);
  });
});
