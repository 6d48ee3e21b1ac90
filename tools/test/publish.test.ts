// Publishes @dbusers/core, @dbusers/client-digitalocean and @dbusers/simulator the way a release does,
// with `pnpm publish` (which turns `workspace:^` and `catalog:` into real versions), into a real npm
// registry: verdaccio on loopback (tools/publish/). Then installs them with plain npm into a new project
// outside the workspace, as another team would, and uses them from an ES module, a CommonJS module and
// strictly type-checked TypeScript (tools/publish/consumer/).
//
// The registry is offline (no uplinks), and the consumer's npm talks to it alone. The packages' own
// dependencies (openapi-fetch; the simulator's fastify, openapi-backend, ajv, yaml…; @types/node for the
// TypeScript check), some 90 with theirs, are published into it first, repacked from the workspace's
// install (tools/publish/dependencies.ts): the versions of pnpm-lock.yaml, no network, nothing that can
// change between two runs. The public registry would not do under turbo: its strict environment mode
// drops NODE_EXTRA_CA_CERTS, without which npm cannot reach the registry through this machine's TLS
// proxy (it retried SELF_SIGNED_CERT_IN_CHAIN until the test timed out). The npm cache is a fresh temp
// folder, so every run is the run of a new CI machine, and nothing lands in ~/.npm.
import { execFile, spawn } from "node:child_process";
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import semver from "semver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dependencyClosure, type InstalledPackage } from "../publish/dependencies.ts";
import { packDirectory } from "../publish/pack.ts";
import { type Dist, type Manifest, type Registry, startRegistry } from "../publish/registry.ts";
import { fromRoot } from "../specs.ts";

// Generous: CI runs every package's tests at once on two cores. A run takes some 15 s.
const SETUP_TIMEOUT_MS = 240_000;
const COMMAND_TIMEOUT_MS = 120_000;

/** What is published, dependencies first. Each is a dependency of this package, so `^build` built it. */
const PUBLISHED = ["core", "client-digitalocean", "simulator"] as const;
type PackageDir = (typeof PUBLISHED)[number];
/** What the consumer asks for by name; @dbusers/core comes in as a dependency. */
const REQUESTED = ["@dbusers/client-digitalocean", "@dbusers/simulator"];

const CONSUMER_SOURCES = fromRoot("tools/publish/consumer");
const TYPE_ERROR_FILE = "type-error.ts";
const PNPM = fromRoot("node_modules/.bin/pnpm");
/** The workspace's TypeScript 7, as packages/core resolves it (tools itself pins TypeScript 5). */
const TSC = path.join(
  path.dirname(createRequire(fromRoot("packages/core/package.json")).resolve("typescript/package.json")),
  "bin/tsc",
);
/** The demo seed's PostgreSQL cluster and the token every simulator accepts (packages/simulator). */
const DEMO_CLUSTER_ID = "9cc10173-e9ea-4176-9dbc-a4cee4c4ff30";
const DEMO_TOKEN = "dbusers_simulator_demo_token";

const manifestOf = (dir: PackageDir) =>
  JSON.parse(readFileSync(fromRoot(`packages/${dir}/package.json`), "utf8")) as Manifest;

/**
 * The environment of every command: this one, with this Node 24 first on PATH (npm's `#!/usr/bin/env
 * node`, the consumer's scripts and the simulator's bin all run on it), and without what pnpm, turbo and
 * vitest add for their own scripts. NODE_PATH would let the consumer find the workspace's packages, and
 * npm reads every `npm_config_*` variable as its own configuration.
 */
const ENV: NodeJS.ProcessEnv = Object.fromEntries(
  Object.entries(process.env).filter(
    ([key]) =>
      !/^(npm_|pnpm_|turbo_|vitest)/i.test(key) &&
      !["NODE", "NODE_PATH", "NODE_ENV", "NODE_OPTIONS", "INIT_CWD", "TEST"].includes(key) &&
      !["BASE_URL", "MODE", "DEV", "PROD", "SSR"].includes(key),
  ),
);
ENV.PATH = [path.dirname(process.execPath), process.env.PATH].join(path.delimiter);

interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command to its end (asynchronously: this process keeps serving while it runs). */
function run(command: string, args: string[], cwd: string): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      { cwd, env: ENV, timeout: COMMAND_TIMEOUT_MS, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
        resolve({ code, stdout, stderr: code === -1 ? `${stderr}\n${error?.message}` : stderr });
      },
    );
  });
}

/** Runs a command that must succeed; its output is in the error if it does not. */
async function mustRun(command: string, args: string[], cwd: string): Promise<RunResult> {
  const result = await run(command, args, cwd);
  if (result.code !== 0) {
    const shown = [command, ...args].join(" ");
    throw new Error(
      `${shown} (in ${cwd}) exited with ${result.code}\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`,
    );
  }
  return result;
}

const timings: [string, number][] = [];
async function timed<T>(label: string, action: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await action();
  } finally {
    timings.push([label, performance.now() - started]);
  }
}

/** Every file below `dir`, as sorted `/`-separated relative paths. */
function filesBelow(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join("/"))
    .sort();
}

/** The workspace's copies of our packages' third-party dependencies, and the consumer's @types/node. */
function thirdPartyDependencies(): InstalledPackage[] {
  return dependencyClosure([
    ...PUBLISHED.flatMap((dir) =>
      Object.keys((manifestOf(dir).dependencies ?? {}) as Record<string, string>)
        .filter((name) => !name.startsWith("@dbusers/"))
        .map((name) => ({ from: fromRoot(`packages/${dir}`), name })),
    ),
    { from: fromRoot("tools"), name: "@types/node" }, // at the workspace's version, for a reproducible check
  ]);
}

/** Publishes each package's versions in order (the last is its `latest`), different packages at once. */
async function publishAll(registry: Registry, packages: InstalledPackage[], token: string): Promise<void> {
  const byName = new Map<string, InstalledPackage[]>();
  for (const found of packages) {
    byName.set(found.manifest.name, [...(byName.get(found.manifest.name) ?? []), found]);
  }
  await Promise.all(
    [...byName.values()].map(async (versions) => {
      versions.sort((a, b) => semver.compare(a.manifest.version, b.manifest.version));
      for (const { dir, manifest } of versions) {
        await registry.publishTarball(manifest, await packDirectory(dir), token);
      }
    }),
  );
}

interface ConsumerReport {
  format: "esm" | "cjs";
  resolved: { client: string; simulator: string };
  created: { provider: string; name: string; role: string };
  listed: string[];
  missing: string;
  password: Record<string, unknown>;
}

let work: string;
let registry: Registry | undefined;
let consumer: string;
let npmVersion: string;
let lockfile: { packages: Record<string, { version?: string; resolved?: string; integrity?: string }> };
const published = new Map<string, Manifest & { dist: Dist }>();

beforeAll(async () => {
  work = realpathSync(mkdtempSync(path.join(tmpdir(), "dbusers-publish-")));
  mkdirSync(path.join(work, "registry"));
  const started = await timed("start verdaccio", () => startRegistry(path.join(work, "registry"), ENV));
  registry = started;
  const { url } = started;

  // A release user, and its token in an auth file for pnpm, as a release job writes one from its secret.
  const token = await started.addUser("release", "release-password-1");
  const authFile = path.join(work, "auth.npmrc");
  writeFileSync(authFile, `${url.replace(/^https?:/, "")}:_authToken=${token}\n`);

  await timed(`pnpm publish ×${PUBLISHED.length}`, async () => {
    for (const dir of PUBLISHED) {
      await mustRun(
        PNPM,
        ["publish", "--registry", url, "--npmrc-auth-file", authFile, "--no-git-checks"],
        fromRoot(`packages/${dir}`),
      );
    }
  });
  for (const dir of PUBLISHED) {
    const { name, version } = manifestOf(dir);
    const manifest = (await started.packument(name)).versions[version];
    if (!manifest) throw new Error(`${name}@${version} is not in the registry after publishing`);
    published.set(name, manifest);
  }
  const dependencies = thirdPartyDependencies();
  await timed(`publish ${dependencies.length} dependencies`, () => publishAll(started, dependencies, token));

  // The consumer: a new project outside the workspace, whose npm knows this registry only.
  consumer = path.join(work, "consumer");
  cpSync(CONSUMER_SOURCES, consumer, { recursive: true });
  const typesNode = dependencies.find(({ manifest }) => manifest.name === "@types/node")?.manifest;
  const project = {
    name: "dbusers-consumer",
    version: "1.0.0",
    private: true,
    type: "module",
    devDependencies: { "@types/node": typesNode?.version },
  };
  writeFileSync(path.join(consumer, "package.json"), `${JSON.stringify(project, null, 2)}\n`);
  writeFileSync(path.join(consumer, ".npmrc"), `registry=${url}\n`);
  npmVersion = (await mustRun("npm", ["--version"], consumer)).stdout.trim();
  await timed("npm install", () =>
    mustRun(
      "npm",
      [
        "install",
        ...REQUESTED,
        ...["--cache", path.join(work, "npm-cache")],
        ...["--no-audit", "--no-fund", "--no-update-notifier", "--loglevel=error"],
        "--no-omit-lockfile-registry-resolved", // keep `resolved` in the lockfile, to check where from
      ],
      consumer,
    ),
  );
  lockfile = JSON.parse(readFileSync(path.join(consumer, "package-lock.json"), "utf8"));
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
  await registry?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
  const figures = timings.map(([label, ms]) => `${label} ${(ms / 1000).toFixed(1)} s`).join(", ");
  console.log(`publish → install → use (npm ${npmVersion}, Node ${process.versions.node}): ${figures}`);
});

describe("pnpm publish", () => {
  it("replaces workspace: and catalog: ranges with the real versions", () => {
    const core = manifestOf("core");
    const client = published.get("@dbusers/client-digitalocean");
    expect(client?.dependencies).toMatchObject({ "@dbusers/core": `^${core.version}` });
    for (const [name, manifest] of published) {
      for (const field of ["dependencies", "peerDependencies", "optionalDependencies", "devDependencies"]) {
        for (const [dependency, range] of Object.entries((manifest[field] ?? {}) as Record<string, string>)) {
          expect(range, `${name} ${field}.${dependency}`).toMatch(/^[~^]?\d+\.\d+\.\d+(-[\w.]+)?$/);
        }
      }
    }
  });
});

describe("npm install", () => {
  it("takes every package from the offline registry", () => {
    const entries = Object.entries(lockfile.packages).filter(([key]) => key !== "");
    expect(entries.length).toBeGreaterThan(PUBLISHED.length);
    expect(entries.filter(([, entry]) => !entry.resolved?.startsWith(registry?.url ?? "?"))).toEqual([]);
  });

  it("installs the published @dbusers packages, one copy each", () => {
    const ours = Object.keys(lockfile.packages).filter((key) => key.includes("@dbusers/"));
    expect(ours.sort()).toEqual(PUBLISHED.map((dir) => `node_modules/${manifestOf(dir).name}`).sort());
    for (const dir of PUBLISHED) {
      const { name, version } = manifestOf(dir);
      expect(lockfile.packages[`node_modules/${name}`]).toMatchObject({
        version,
        integrity: published.get(name)?.dist.integrity,
      });
    }
  });
});

describe.each(PUBLISHED)("the installed @dbusers/%s", (dir) => {
  const files = () => filesBelow(path.join(consumer, "node_modules", manifestOf(dir).name));

  it("holds only dist/, package.json, README.md and LICENSE", () => {
    const unexpected = files().filter(
      (file) => !file.startsWith("dist/") && !["package.json", "README.md", "LICENSE"].includes(file),
    );
    expect(unexpected).toEqual([]);
    expect(files()).toEqual(expect.arrayContaining(["package.json", "README.md", "LICENSE"]));
    expect(files().filter((file) => /(^|\/)(src|test|tests|pacts|generated)\//.test(file))).toEqual([]);
  });

  it("holds every file its manifest points to", () => {
    const manifest: Partial<Manifest> = published.get(manifestOf(dir).name) ?? {};
    const targets = new Set<string>();
    const collect = (value: unknown): void => {
      if (typeof value === "string") targets.add(value.replace(/^\.\//, ""));
      else if (value && typeof value === "object") Object.values(value).forEach(collect);
    };
    for (const field of ["main", "module", "types", "exports", "bin"]) collect(manifest[field]);
    expect([...targets].filter((target) => !files().includes(target))).toEqual([]);
    expect(targets.size).toBeGreaterThanOrEqual(5);
  });
});

it("ships the simulator's spec in its tarball", () => {
  const files = filesBelow(path.join(consumer, "node_modules/@dbusers/simulator"));
  expect(files).toContain("dist/specs/digitalocean.yaml");
});

describe.each([
  ["ES module", "esm.mjs", "mjs"],
  ["CommonJS module", "cjs.cjs", "cjs"],
])("a consumer's %s", (_kind, script, extension) => {
  let report: ConsumerReport;
  beforeAll(async () => {
    const { stdout } = await timed(`run ${script}`, () => mustRun(process.execPath, [script], consumer));
    report = JSON.parse(stdout);
  });

  it("loads the packages' builds from its own node_modules", () => {
    const resolved = Object.values(report.resolved).map((file) =>
      file.startsWith("file:") ? fileURLToPath(file) : file,
    );
    expect(resolved).toEqual(
      ["client-digitalocean", "simulator"].map((name) =>
        path.join(consumer, `node_modules/@dbusers/${name}/dist/index.${extension}`),
      ),
    );
  });

  it("creates a user in the demo simulator, lists it, and rejects a missing one with NotFoundError", () => {
    const name = `${report.format}-consumer`;
    expect(report.created).toEqual({ provider: "digitalocean", name, role: "normal" });
    expect(report.listed).toEqual(["doadmin", "app-01", name]);
    expect(report.missing).toBe("NotFoundError");
  });

  it("gets the password as a Secret that prints [REDACTED] and reveals the real value", () => {
    expect(report.password).toEqual({
      isSecret: true,
      string: "[REDACTED]",
      template: "[REDACTED]",
      json: '{"password":"[REDACTED]"}',
      inspected: "{ password: [REDACTED] }",
      revealsStored: true,
    });
  });
});

describe("a consumer's TypeScript (strict, module nodenext, skipLibCheck off)", () => {
  let result: RunResult;
  beforeAll(async () => {
    result = await timed("tsc --noEmit", () => run(process.execPath, [TSC, "--noEmit", "-p", "."], consumer));
  });

  it("type-checks the ESM and CommonJS uses of the public types, and reports the deliberate error", () => {
    const source = readFileSync(path.join(consumer, TYPE_ERROR_FILE), "utf8").split("\n");
    const line = source.findIndex((text) => text.includes("// TYPE-ERROR")) + 1;
    expect(line).toBeGreaterThan(0);
    const errors = result.stdout.split("\n").filter((text) => /error TS\d+/.test(text));
    expect(errors).toEqual([
      expect.stringMatching(
        new RegExp(`^${TYPE_ERROR_FILE}\\(${line},\\d+\\): error TS2322: Type 'Secret' is not assignable`),
      ),
    ]);
    expect(result.code).not.toBe(0);
  });
});

it("installs the simulator's bin, which serves the demo seed", async () => {
  const started = performance.now();
  const child = spawn(
    path.join(consumer, "node_modules/.bin/dbusers-simulator"),
    ["--port", "0", "--quiet"],
    {
      cwd: consumer,
      env: ENV,
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let output = "";
      child.stdout.on("data", (chunk) => {
        output += chunk;
        const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
        if (match?.[1]) resolve(match[1]);
      });
      child.stderr.on("data", (chunk) => {
        output += chunk;
      });
      child.once("exit", (code) => reject(new Error(`dbusers-simulator exited with ${code}:\n${output}`)));
    });
    const response = await fetch(`${url}/digitalocean/v2/databases/${DEMO_CLUSTER_ID}/users`, {
      headers: { authorization: `Bearer ${DEMO_TOKEN}` },
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { users: { name: string }[] };
    expect(body.users.map((user) => user.name)).toEqual(["doadmin", "app-01"]);
  } finally {
    child.kill("SIGTERM");
    timings.push(["run the dbusers-simulator bin", performance.now() - started]);
  }
});
