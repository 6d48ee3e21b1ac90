// The published packages declare `engines.node` "^22.12.0 || >=24.0.0" (tools/package-metadata.ts:
// Node's maintained lines), and the workspace runs and tests everything on Node 24. This test runs their
// built dist/ under Node 22.12.0, the floor of the 22 line (tools/oldest-node, a package of its own that
// installs that Node's binary), once through `require` (CommonJS build) and once through `import` (ESM
// build), against the simulator, which runs here in the test process under Node 24. The script it runs
// is fixtures/oldest-node-smoke.mjs. Then every public package (found from the package.json files, so a
// client merged later is included) has each of its entries loaded under Node 22.12.0 both ways, and the
// simulator is started and closed there.
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { DEFAULT_TOKEN, type Simulator, startSimulator } from "@dbusers/simulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OLDEST_NODE as OLDEST_VERSION, SUPPORTED_NODE } from "../package-metadata.ts";
import { packageEntries, publicPackages } from "../public-packages.ts";
import { fromRoot, specs } from "../specs.ts";

const OLDEST_NODE = fromRoot("tools/oldest-node/node_modules/.bin/node");
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
 * Runs the script with Node 22.12.0 from the demo state, with two faults scheduled: one 503 on the list
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

describe.each(["esm", "cjs"] as const)(
  `the %s build on Node ${OLDEST_VERSION} (${OLDEST_NODE})`,
  (format) => {
    let report: Report;
    beforeAll(async () => {
      report = await runOnOldestNode(format);
    });

    it(`runs under Node ${OLDEST_VERSION}, the oldest Node the packages declare`, () => {
      expect(report.error).toBeUndefined();
      expect(report.node).toBe(OLDEST_VERSION);
      for (const name of ["core", "client-digitalocean"]) {
        const manifest = JSON.parse(readFileSync(fromRoot(`packages/${name}/package.json`), "utf8"));
        expect(manifest.engines.node).toBe(SUPPORTED_NODE);
        expect(manifest.engines.node).toMatch(new RegExp(`^\\^${OLDEST_VERSION.replaceAll(".", "\\.")} `));
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
      expect(report.created).toEqual({ name: `oldest-node-${format}`, password: redactedSecret() });
      expect(report.created?.password.revealedLength).toBeGreaterThan(0);
      expect(
        attemptsOf(report).filter(
          (line) => line.includes(`oldest-node-${format}`) || line.startsWith("POST"),
        ),
      ).toEqual([
        expect.stringMatching(/^POST users -> TypeError: fetch failed/),
        `GET users/oldest-node-${format} -> 200`,
        `POST users/oldest-node-${format}/reset_auth -> 200`,
      ]);
      expect(sim.digitalocean.getUser(CLUSTER_ID, `oldest-node-${format}`)).toBeDefined();
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
  },
);

describe(`every public package on Node ${OLDEST_VERSION}`, () => {
  const declaring = publicPackages().filter(
    ({ manifest }) => (manifest.engines as { node?: string } | undefined)?.node === SUPPORTED_NODE,
  );

  it("includes core, every client, the facade and the simulator: every public package", () => {
    const names = declaring.map(({ manifest }) => manifest.name);
    expect(names).toEqual(expect.arrayContaining(["@dbusers/core", "@dbusers/sdk", "@dbusers/simulator"]));
    for (const entry of specs) expect(declaring.map(({ dir }) => dir)).toContain(entry.package);
    expect(declaring).toHaveLength(publicPackages().length);
  });

  it("starts the simulator, serves a request and closes it", async () => {
    const entry = pathToFileURL(fromRoot("packages/simulator/dist/index.mjs")).href;
    const script = `
      const { DEFAULT_TOKEN, startSimulator } = await import(${JSON.stringify(entry)});
      const sim = await startSimulator({ seed: "demo", logger: false });
      const response = await fetch(sim.urls.digitalocean + "/v2/databases/9cc10173-e9ea-4176-9dbc-a4cee4c4ff30/users", {
        headers: { authorization: "Bearer " + DEFAULT_TOKEN },
      });
      await sim.close();
      console.log(JSON.stringify({ node: process.versions.node, status: response.status }));`;
    const { stdout } = await promisify(execFile)(OLDEST_NODE, ["--input-type=module", "--eval", script], {
      timeout: 60_000,
    });
    expect(JSON.parse(stdout)).toEqual({ node: OLDEST_VERSION, status: 200 });
  });

  it.each(declaring.map((pkg) => [pkg.manifest.name, pkg] as const))(
    `loads every entry of %s on Node ${OLDEST_VERSION}, through import and require`,
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
      expect(node).toBe(OLDEST_VERSION);
      expect(counts).toHaveLength(builds.length);
      for (const [esm, cjs] of counts) {
        expect(esm).toBeGreaterThan(0);
        expect(cjs).toBe(esm);
      }
    },
  );
});
