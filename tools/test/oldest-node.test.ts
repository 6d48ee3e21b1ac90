// The published packages declare `engines.node >= 20.3`, but the workspace runs everything on Node 24.
// This test runs their built dist/ under the machine's Node 20 (/usr/bin/node), once through `require`
// (CommonJS build) and once through `import` (ESM build), against the simulator, which runs here in
// the test process under Node 24. The script it runs is fixtures/oldest-node-smoke.mjs. Then every
// public package that declares Node 20 (found from the package.json files, so a client merged later is
// included) has each of its entries loaded under Node 20 both ways. (@dbusers/simulator declares Node
// 22.19; no Node 22 is installed here to prove that bound: the tests run it on Node 24.)
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { DEFAULT_TOKEN, type Simulator, startSimulator } from "@dbusers/simulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { packageEntries, publicPackages } from "../public-packages.ts";
import { fromRoot, specs } from "../specs.ts";

const OLDEST_NODE = "/usr/bin/node";
const OLDEST_MAJOR = 20;
const CLUSTER_ID = "9cc10173-e9ea-4176-9dbc-a4cee4c4ff30"; // the demo seed's PostgreSQL cluster
const SCRIPT = fileURLToPath(new URL("./fixtures/oldest-node-smoke.mjs", import.meta.url));

type Format = "cjs" | "esm";
const extension = (format: Format) => (format === "cjs" ? "cjs" : "mjs");

interface SecretViews {
  isSecret: boolean;
  string: string;
  template: string;
  json: string;
  inspected: string;
  revealedLength: number;
  revealedIsRedacted: boolean;
  leaks: boolean;
}

interface Report {
  node: string;
  format: Format;
  resolved: { core?: string; client?: string };
  attempts: string[];
  coreSecret?: SecretViews;
  listed?: { name: string }[];
  created?: { name: string; password: SecretViews };
  missing?: Record<string, unknown>;
  error?: { name?: string; message?: string; at?: string };
}

const redactedSecret = (): SecretViews => ({
  isSecret: true,
  string: "[REDACTED]",
  template: "[REDACTED]",
  json: '{"secret":"[REDACTED]"}',
  inspected: "{ secret: [REDACTED] }",
  revealedLength: expect.any(Number),
  revealedIsRedacted: false,
  leaks: false,
});

let sim: Simulator;

beforeAll(async () => {
  sim = await startSimulator({ seed: "demo", logger: false });
});

afterAll(async () => {
  await sim?.close();
});

/**
 * Runs the script with Node 20 from the demo state, with two faults scheduled: one 503 on the list
 * (retried), and a create whose connection breaks after the user was made (reconciled by a lookup
 * and a password reset).
 */
async function runOnOldestNode(format: Format): Promise<Report> {
  sim.reset();
  sim.failNext({ vendor: "digitalocean", operationId: "databases_list_users", status: 503 });
  sim.failNext({ vendor: "digitalocean", operationId: "databases_add_user", drop: "after-handling" });
  // Asynchronous, so that the simulator in this process keeps answering while the child runs.
  const { stdout } = await promisify(execFile)(
    OLDEST_NODE,
    [SCRIPT, format, sim.urls.digitalocean, DEFAULT_TOKEN, CLUSTER_ID],
    { timeout: 60_000 },
  );
  return JSON.parse(stdout) as Report;
}

/** The attempt lines without host and cluster: `GET users/app-01 -> 200`. */
const attemptsOf = (report: Report) =>
  report.attempts.map((line) =>
    line.replace(/^digitalocean (\w+) \S+\/v2\/databases\/[^/]+\/(users\S*) -> (.*)$/, "$1 $2 -> $3"),
  );

describe.each(["esm", "cjs"] as const)(`the %s build on Node ${OLDEST_MAJOR} (${OLDEST_NODE})`, (format) => {
  let report: Report;
  beforeAll(async () => {
    report = await runOnOldestNode(format);
  });

  it(`runs under Node ${OLDEST_MAJOR}, the major of the packages' oldest declared Node`, () => {
    expect(report.error).toBeUndefined();
    expect(Number(report.node.split(".")[0])).toBe(OLDEST_MAJOR);
    for (const name of ["core", "client-digitalocean"]) {
      const manifest = JSON.parse(readFileSync(fromRoot(`packages/${name}/package.json`), "utf8"));
      expect(manifest.engines.node).toBe(`>=${OLDEST_MAJOR}.3`);
    }
  });

  it("loads each package from its dist/", () => {
    expect(report.resolved).toEqual({
      core: fromRoot(`packages/core/dist/index.${extension(format)}`),
      client: fromRoot(`packages/client-digitalocean/dist/index.${extension(format)}`),
    });
  });

  it("lists the demo cluster's users, retrying a 503", () => {
    // Names only: how the adapter maps a user is its own tests' job; here what matters is that it runs.
    expect(report.listed?.map((user) => user.name)).toEqual(["doadmin", "app-01"]);
    expect(attemptsOf(report).filter((line) => line.startsWith("GET users ->"))).toEqual([
      "GET users -> 503",
      "GET users -> 200",
    ]);
  });

  it("creates a user, reconciling a broken connection, and keeps its password redacted", () => {
    expect(report.created).toEqual({ name: `node20-${format}`, password: redactedSecret() });
    expect(report.created?.password.revealedLength).toBeGreaterThan(0);
    expect(
      attemptsOf(report).filter((line) => line.includes(`node20-${format}`) || line.startsWith("POST")),
    ).toEqual([
      expect.stringMatching(/^POST users -> TypeError: fetch failed/),
      `GET users/node20-${format} -> 200`,
      `POST users/node20-${format}/reset_auth -> 200`,
    ]);
    expect(sim.digitalocean.getUser(CLUSTER_ID, `node20-${format}`)).toBeDefined();
  });

  it("rejects a missing user with a NotFoundError of the same build", () => {
    expect(report.missing).toEqual({
      rejected: true,
      name: "NotFoundError",
      notFoundError: true,
      baseError: true,
      status: 404,
      provider: "digitalocean",
    });
  });

  it("leaves the simulator with no contract violations", () => {
    expect(sim.violations).toEqual([]);
  });
});

describe(`every public package that declares Node ${OLDEST_MAJOR}`, () => {
  const declaring = publicPackages().filter(({ manifest }) =>
    (manifest.engines as { node?: string } | undefined)?.node?.startsWith(`>=${OLDEST_MAJOR}.`),
  );

  it("includes core, every client and the facade", () => {
    const names = declaring.map(({ manifest }) => manifest.name);
    expect(names).toEqual(expect.arrayContaining(["@dbusers/core", "@dbusers/sdk"]));
    for (const entry of specs) expect(declaring.map(({ dir }) => dir)).toContain(entry.package);
  });

  it.each(declaring.map((pkg) => [pkg.manifest.name, pkg] as const))(
    `loads every entry of %s on Node ${OLDEST_MAJOR}, through import and require`,
    async (_name, pkg) => {
      const builds = packageEntries(pkg).map(({ file }) => ({
        esm: pathToFileURL(file).href,
        cjs: file.replace(/\.mjs$/, ".cjs"),
      }));
      // Prints, for each entry, how many names its ES module and its CommonJS build export.
      const script = `
        import { createRequire } from "node:module";
        const require = createRequire(import.meta.url);
        const counts = [];
        for (const { esm, cjs } of ${JSON.stringify(builds)}) {
          counts.push([Object.keys(await import(esm)).length, Object.keys(require(cjs)).length]);
        }
        console.log(JSON.stringify({ node: process.versions.node, counts }));`;
      const { stdout } = await promisify(execFile)(OLDEST_NODE, ["--input-type=module", "--eval", script], {
        timeout: 60_000,
      });
      const { node, counts } = JSON.parse(stdout) as { node: string; counts: [number, number][] };
      expect(Number(node.split(".")[0])).toBe(OLDEST_MAJOR);
      expect(counts).toHaveLength(builds.length);
      for (const [esm, cjs] of counts) {
        expect(esm).toBeGreaterThan(0);
        expect(cjs).toBe(esm);
      }
    },
  );
});
