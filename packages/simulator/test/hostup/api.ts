// Real HTTP requests to the HostUp API of a simulator, and the spec's own check of its problem documents.
import { readFileSync } from "node:fs";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { expect } from "vitest";
import { parse } from "yaml";
import { resolveSpecFile } from "../../src/framework/spec.ts";
import { DEFAULT_TOKEN, type Simulator } from "../../src/index.ts";

export interface HostUpAnswer {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: bodies are asserted field by field
  body: any;
}

export interface HostUpCall {
  body?: unknown;
  /** `null` sends no Authorization header. */
  token?: string | null;
}

/** `METHOD /shared-hosting/{accountId}/database-users{path}` on one account. */
export type HostUpRequest = (method: string, path?: string, call?: HostUpCall) => Promise<HostUpAnswer>;

/** Real requests to the simulator's HostUp API, for one account. */
export function hostupApi(sim: Simulator, accountId: string): HostUpRequest {
  return async (method, path = "", { body, token = DEFAULT_TOKEN } = {}) => {
    const headers: Record<string, string> = {};
    if (token !== null) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers["content-type"] = "application/json";
    const response = await fetch(`${sim.urls.hostup}/shared-hosting/${accountId}/database-users${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    const answer: HostUpAnswer = {
      status: response.status,
      headers: response.headers,
      body: text === "" ? undefined : JSON.parse(text),
    };
    return answer;
  };
}

// The simulator's contract check reads a non-JSON media type (problem+json) only for its type, so the
// HostUp tests check each problem document against the spec's schema themselves.
const spec = parse(readFileSync(resolveSpecFile("hostup.yaml"), "utf8"));
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats.default(ajv);
ajv.addFormat("json-pointer", /^(?:\/(?:[^~/]|~[01])*)*$/);
const problemSchema = ajv.compile({
  ...spec.components.schemas.problem_details,
  components: spec.components,
});

/** `answer` is an RFC 7807 problem document the spec allows, with this status and code. */
export function expectProblem(answer: HostUpAnswer, status: number, code: string): void {
  expect(answer.status).toBe(status);
  expect(answer.headers.get("content-type")).toMatch(/^application\/problem\+json(;|$)/);
  expect(problemSchema(answer.body), JSON.stringify(problemSchema.errors)).toBe(true);
  expect(answer.body).toMatchObject({
    type: `https://developer.hostup.se/errors/${code}`,
    status,
    code,
    requestId: `req_${answer.headers.get("x-request-id")?.replaceAll("-", "")}`,
  });
}
