// Negative tests for the two checks of `pnpm contract` (tools/contract.ts): each must pass a correct
// interaction and catch one that is wrong in a specific way. The pact files are written by pact-js
// itself, driving the real DigitalOcean adapter against the Pact mock server as the package's consumer
// tests do (packages/client-digitalocean/test/contract/), with the same provider states and token, so
// that the package's provider-state handlers build them in the simulator.
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createDigitalOceanUsers, type DigitalOceanUsers } from "@dbusers/client-digitalocean";
import { ConflictError } from "@dbusers/core";
import { unwrap } from "@dbusers/core/adapter";
import { Matchers, Pact } from "@pact-foundation/pact";
import { afterEach, describe, expect, it } from "vitest";
import * as providerStates from "../../packages/client-digitalocean/test/contract/provider-states.ts";
import {
  CLUSTER_ID,
  type ClusterStateParams,
  CONTRACT_TOKEN,
  States,
} from "../../packages/client-digitalocean/test/contract/states.ts";
import { type ComparisonIssue, comparePacts } from "../contract/compare-pacts.ts";
import { verifyPacts } from "../contract/verify-pacts.ts";
import { fromRoot } from "../specs.ts";

const { like, regex } = Matchers;

const SPEC = fromRoot("specs/digitalocean.yaml");
const USERS_PATH = `/v2/databases/${CLUSTER_ID}/users`;
const userPath = (name: string) => `${USERS_PATH}/${name}`;
const JSON_CONTENT = regex("^application/json(;.*)?$", "application/json; charset=utf-8");
const REQUEST_HEADERS = { Accept: "application/json", Authorization: `Bearer ${CONTRACT_TOKEN}` };
const pgCluster = (users: string[]): ClusterStateParams => ({ clusterId: CLUSTER_ID, engine: "pg", users });

const tempDirs: string[] = [];
afterEach(() => {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A Pact writing into a fresh temp dir, so that its pact file holds only this test's interactions. */
function freshPact(): { pact: Pact; pactFiles: () => string[] } {
  const dir = mkdtempSync(path.join(tmpdir(), "dbusers-contract-"));
  tempDirs.push(dir);
  const pact = new Pact({
    consumer: "dbusers-client-digitalocean",
    provider: "digitalocean",
    dir,
    logLevel: "error",
  });
  const pactFiles = () => {
    const files = readdirSync(dir).filter((name) => name.endsWith(".json"));
    expect(files).toEqual(["dbusers-client-digitalocean-digitalocean.json"]);
    return files.map((name) => path.join(dir, name));
  };
  return { pact, pactFiles };
}

function adapter(baseUrl: string): DigitalOceanUsers {
  // One attempt per call, as in the consumer tests.
  return createDigitalOceanUsers({ token: CONTRACT_TOKEN, clusterId: CLUSTER_ID, baseUrl, retry: false });
}

interface GetUserCase {
  /** The user asked for. */
  name?: string;
  /** The provider state's users besides doadmin. */
  existing?: string[];
  /** The response's user, matched by type (`like`); with `exact`, its role is matched by value. */
  user?: { name: string; role: string; password: string };
  exact?: boolean;
  baseUrlSuffix?: string;
}

/** By default, the get-user success exactly as the package's consumer test records it. */
async function recordGetUser(pact: Pact, options: GetUserCase = {}): Promise<void> {
  const {
    name = "app-01",
    existing = ["app-01"],
    user = { name: "app-01", role: "normal", password: "jge5lfxtzhx42iff" },
    exact = false,
    baseUrlSuffix = "",
  } = options;
  await pact
    .addInteraction()
    .given(States.clusterExists, pgCluster(existing))
    .uponReceiving(`a request to get user ${name}`)
    .withRequest("GET", `${baseUrlSuffix}${userPath(name)}`, (b) => {
      b.headers(REQUEST_HEADERS);
    })
    .willRespondWith(200, (b) => {
      b.headers({ "Content-Type": JSON_CONTENT });
      b.jsonBody({
        user: exact ? { name: like(user.name), role: user.role, password: like(user.password) } : like(user),
      });
    })
    .executeTest(async (mock) => {
      const got = await adapter(`${mock.url}${baseUrlSuffix}`).get(name);
      // Only what the interaction is about: the adapter's own behaviour is the package's tests' job.
      expect(got.name).toBe(user.name);
    });
}

const errorsOf = (issues: ComparisonIssue[]) => issues.filter((issue) => issue.type === "error");
const summary = (issues: ComparisonIssue[]) =>
  issues.map(({ type, code, mockDetails }) => ({
    type,
    code,
    location: (mockDetails as { location?: string } | undefined)?.location,
  }));

describe("contract check 1: openapi-pact-comparator against specs/digitalocean.yaml", () => {
  it("passes the get-user success as the consumer test records it", async () => {
    const { pact, pactFiles } = freshPact();
    await recordGetUser(pact);
    expect(await comparePacts(SPEC, pactFiles())).toEqual([]);
  });

  it("fails a response body the spec forbids: a role outside its enum", async () => {
    const { pact, pactFiles } = freshPact();
    await recordGetUser(pact, { user: { name: "app-01", role: "superuser", password: "jge5lfxtzhx42iff" } });
    const issues = await comparePacts(SPEC, pactFiles());
    expect(summary(issues)).toEqual([
      {
        type: "error",
        code: "response.body.incompatible",
        location: "[root].interactions[0].response.body.user.role",
      },
    ]);
    expect(issues[0]?.message).toContain("must be equal to one of the allowed values");
  });

  it("fails a request body the spec forbids: an auth plugin outside its enum", async () => {
    const { pact, pactFiles } = freshPact();
    const body = { name: "legacy-app", mysql_settings: { auth_plugin: "sha256_password" } };
    await pact
      .addInteraction()
      .given(States.clusterExists, { clusterId: CLUSTER_ID, engine: "mysql", users: [] })
      .uponReceiving("a request to add a MySQL user with an unknown auth plugin")
      .withRequest("POST", USERS_PATH, (b) => {
        b.headers(REQUEST_HEADERS);
        b.jsonBody(body);
      })
      .willRespondWith(201, (b) => {
        b.headers({ "Content-Type": JSON_CONTENT });
        b.jsonBody({ user: like({ name: "legacy-app", role: "normal", password: "jge5lfxtzhx42iff" }) });
      })
      .executeTest(async (mock) => {
        // The adapter refuses a plugin outside the enum before sending; the raw client, typed by the
        // spec, sends what a cast hands it, as a client generated from a drifted spec would.
        const { client } = adapter(mock.url);
        const sent = await client.POST("/v2/databases/{database_cluster_uuid}/users", {
          params: { path: { database_cluster_uuid: CLUSTER_ID } },
          body: body as never,
        });
        expect(sent.response.status).toBe(201);
      });
    const issues = await comparePacts(SPEC, pactFiles());
    expect(summary(errorsOf(issues))).toEqual([
      {
        type: "error",
        code: "request.body.incompatible",
        location: "[root].interactions[0].request.body.mysql_settings.auth_plugin",
      },
    ]);
  });

  it("fails a path the spec does not have: a base URL with an extra prefix", async () => {
    const { pact, pactFiles } = freshPact();
    await recordGetUser(pact, { baseUrlSuffix: "/api" });
    const issues = await comparePacts(SPEC, pactFiles());
    expect(summary(issues)).toEqual([
      {
        type: "error",
        code: "request.path-or-method.unknown",
        location: "[root].interactions[0].request.path",
      },
    ]);
    expect(issues[0]?.message).toContain(`GET /api${userPath("app-01")}`);
  });

  // Not a failure, and this test pins that down: every operation in the spec has a `default` response
  // (DigitalOcean answers undeclared 4xx in its error format), so an undeclared status only warns.
  it("only warns about a status the operation does not declare, since `default` covers it", async () => {
    const { pact, pactFiles } = freshPact();
    await pact
      .addInteraction()
      .given(States.clusterExists, pgCluster(["app-01"]))
      .uponReceiving("a request to add user app-01, which already exists")
      .withRequest("POST", USERS_PATH, (b) => {
        b.headers(REQUEST_HEADERS);
        b.jsonBody({ name: "app-01" });
      })
      .willRespondWith(409, (b) => {
        b.headers({ "Content-Type": JSON_CONTENT });
        b.jsonBody({ id: "conflict", message: like("A user with this name already exists.") });
      })
      .executeTest(async (mock) => {
        // The raw client sends the one request the contract describes (the adapter looks the name up
        // first), and core's unwrap turns the answer into the error a create would throw.
        const sent = await adapter(mock.url).client.POST("/v2/databases/{database_cluster_uuid}/users", {
          params: { path: { database_cluster_uuid: CLUSTER_ID } },
          body: { name: "app-01" },
        });
        expect(() => unwrap(sent, { provider: "digitalocean" })).toThrow(ConflictError);
      });
    const issues = await comparePacts(SPEC, pactFiles());
    expect(summary(issues)).toEqual([
      {
        type: "warning",
        code: "response.status.default",
        location: "[root].interactions[0].response.status",
      },
    ]);
  });
});

describe("contract check 2: Pact provider verification against the simulator", () => {
  it("passes the get-user success as the consumer test records it", async () => {
    const { pact, pactFiles } = freshPact();
    await recordGetUser(pact);
    await expect(verifyPacts(pactFiles(), providerStates)).resolves.toBeUndefined();
  });

  it("rejects a 200 for a user the provider state did not create", async () => {
    const { pact, pactFiles } = freshPact();
    await recordGetUser(pact, {
      name: "ghost",
      existing: ["app-01"],
      user: { name: "ghost", role: "normal", password: "jge5lfxtzhx42iff" },
    });
    // The spec allows it: only the provider can tell that the state has no such user.
    expect(errorsOf(await comparePacts(SPEC, pactFiles()))).toEqual([]);
    await expect(verifyPacts(pactFiles(), providerStates)).rejects.toThrow(/expected 200 but was 404/);
  });

  it("rejects a response value the simulator never returns: app-01 as the primary user", async () => {
    const { pact, pactFiles } = freshPact();
    // The role matched by value, not by type: the simulator answers "normal" for every user but doadmin.
    await recordGetUser(pact, {
      user: { name: "app-01", role: "primary", password: "jge5lfxtzhx42iff" },
      exact: true,
    });
    expect(errorsOf(await comparePacts(SPEC, pactFiles()))).toEqual([]);
    await expect(verifyPacts(pactFiles(), providerStates)).rejects.toThrow(
      /Expected 'normal' \(String\) to be equal to 'primary' \(String\)/,
    );
  });
});
