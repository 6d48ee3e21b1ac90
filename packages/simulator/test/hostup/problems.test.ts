// Every HostUp error is an RFC 7807 problem document, `application/problem+json`, valid against the
// spec's problem_details schema, whoever produces it: a handler, the framework or a scripted fault.
import { describe, expect, it } from "vitest";
import { start } from "../helpers.ts";
import { expectProblem, hostupApi } from "./api.ts";

const LIST_ONLY = "hostup_list_only";
const NO_CONSOLE = "hostup_no_console_scope";

describe("HostUp problem details", () => {
  it("a body that breaks the spec's rules gets one field error per member, with a pointer and a code", async () => {
    const sim = await start();
    const { id } = sim.hostup.addAccount();
    const answer = await hostupApi(sim, id)("POST", "", { body: { username: "app-user", extra: 1 } });
    expectProblem(answer, 400, "invalid_request");
    expect(answer.body.detail).toBe("The request body failed validation.");
    expect(answer.body.errors).toEqual(
      expect.arrayContaining([
        { pointer: "/password", detail: "`password` is required.", code: "missing_required" },
        expect.objectContaining({ pointer: "/username", code: "invalid_request" }),
        { pointer: "/extra", detail: "`extra` is not allowed.", code: "invalid_request" },
      ]),
    );
    const username = answer.body.errors.find((error: { pointer: string }) => error.pointer === "/username");
    expect(username.detail).toMatch(/^`username` must match pattern/);
    expect(sim.hostup.listUsers(id)).toEqual([]);
  });

  it("a body that is not JSON is a 400 without field errors", async () => {
    const sim = await start();
    const { id } = sim.hostup.addAccount();
    const response = await fetch(`${sim.urls.hostup}/shared-hosting/${id}/database-users`, {
      method: "POST",
      headers: { authorization: "Bearer dbusers_simulator_demo_token", "content-type": "application/json" },
      body: "{not json",
    });
    const answer = { status: response.status, headers: response.headers, body: await response.json() };
    expectProblem(answer, 400, "invalid_request");
    expect(answer.body.detail).toBe("The request body is not valid JSON.");
    expect(answer.body.errors).toBeUndefined();
  });

  it("401 without or with an unknown API key; 403 without a scope the route needs", async () => {
    const sim = await start({
      tokens: {
        [LIST_ONLY]: ["read:hosting", "console:services"],
        [NO_CONSOLE]: ["read:hosting", "write:hosting"],
      },
    });
    const { id } = sim.hostup.addAccount({ users: [{ username: "appuser" }] });
    const api = hostupApi(sim, id);
    expectProblem(await api("GET", "", { token: null }), 401, "unauthorized");
    expectProblem(await api("GET", "", { token: "revoked" }), 401, "unauthorized");
    expect((await api("GET", "", { token: LIST_ONLY })).status).toBe(200);
    expectProblem(await api("DELETE", "/appuser", { token: LIST_ONLY }), 403, "forbidden");
    expectProblem(await api("GET", "", { token: NO_CONSOLE }), 403, "forbidden");
    expect(sim.hostup.listUsers(id)).toHaveLength(1);
  });

  it("scripted faults answer in the same format: 500 internal_error, 503 upstream_failed, 409 conflict", async () => {
    const sim = await start();
    const { id } = sim.hostup.addAccount();
    const api = hostupApi(sim, id);
    for (const [status, code] of [
      [500, "internal_error"],
      [503, "upstream_failed"],
      [409, "conflict"],
    ] as const) {
      sim.failNext({ vendor: "hostup", status });
      expectProblem(await api("GET"), status, code);
    }
  });

  it("a response that would break the spec becomes a 500 problem document, and is recorded", async () => {
    const sim = await start();
    const { id } = sim.hostup.addAccount();
    sim.debug.transformResponse = (response) => ({ ...response, body: { databaseUsers: "nope" } });
    const answer = await hostupApi(sim, id)("GET");
    expect(answer.status).toBe(500);
    expect(answer.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(answer.body).toMatchObject({
      type: "about:blank",
      code: "simulator_contract_violation",
      status: 500,
    });
    expect(sim.violations).toHaveLength(1);
    sim.clearViolations();
  });
});
