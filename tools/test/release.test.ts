// `pnpm test:release`: the release path a maintainer runs, for real, on a real npm registry.
//
// 1. A copy of the workspace as it is (tools/release/workspace-copy.ts), installed offline.
// 2. verdaccio on loopback, with no uplinks and its storage in a temp folder (tools/release/registry.ts).
// 3. In the copy, the root scripts a maintainer runs: `pnpm version-packages` (`changeset version`, which
//    applies the pending changesets, then a lockfile-only install, offline here), then `pnpm release`
//    (build, `changeset publish`), which publishes every public package, the registry given by
//    PNPM_CONFIG_REGISTRY and the token by PNPM_CONFIG_NPMRC_AUTH_FILE, as a release job would.
// 4. The third-party packages our packages depend on are published into it too, repacked from the
//    workspace's install (tools/release/third-party.ts): the versions of pnpm-lock.yaml, no network.
//    The public registry would not do under turbo: its strict environment mode drops
//    NODE_EXTRA_CA_CERTS, without which npm cannot reach the registry through this machine's TLS proxy.
// 5. A new project outside the workspace, whose npm knows that registry alone (and a fresh cache),
//    installs @dbusers/sdk and @dbusers/client-digitalocean, with @dbusers/simulator as a devDependency
//    for its own tests, as another team's service would; it runs as an ES module and as a CommonJS
//    module, and its TypeScript is type-checked under moduleResolution node16 and bundler
//    (tools/release/consumer/).
// 6. A patch changeset for the client, `pnpm version-packages` and `pnpm release` again, and the consumer's
//    `npm update` installs the patch.
// verdaccio runs as a child process, stopped by its pid in afterAll whatever happened, and by itself if
// this process dies. The timings of each step are printed at the end.
import { spawn } from "node:child_process";
import {
  cpSync,
  existsSync,
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
import { readChangesets } from "@changesets/read";
import semver from "semver";
import { extract } from "tar";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SPEC_FILE, SUPPORTED_NODE } from "../package-metadata.ts";
import { type PackageManifest, publicPackages, type WorkspacePackage } from "../public-packages.ts";
import { ENV, mustRun, type RunResult, run } from "../release/commands.ts";
import { type Dist, type Registry, startRegistry } from "../release/registry.ts";
import { publishAll, thirdPartyDependencies } from "../release/third-party.ts";
import { copyWorkspace } from "../release/workspace-copy.ts";
import { fromRoot, repoRoot, specs } from "../specs.ts";

// Generous: CI runs every package's tests at once on two cores, and this one builds the workspace twice.
const SETUP_TIMEOUT_MS = 480_000;

const SDK = "@dbusers/sdk";
const CLIENT = "@dbusers/client-digitalocean";
const SIMULATOR = "@dbusers/simulator";
/** The summary of the second round's changeset, looked for in the CHANGELOG the consumer gets. */
const PATCH_NOTE = "Release test: a patch of one client reaches its consumers through `npm update`.";

const CONSUMER_SOURCES = fromRoot("tools/release/consumer");
const TYPE_ERROR_FILE = "type-error.ts";
const TS_CONFIGS = ["tsconfig.node16.json", "tsconfig.bundler.json"];
/** The workspace's TypeScript 7, as packages/core resolves it (tools itself pins TypeScript 5). */
const TSC = path.join(
  path.dirname(createRequire(fromRoot("packages/core/package.json")).resolve("typescript/package.json")),
  "bin/tsc",
);
const DEMO_CLUSTER_ID = "9cc10173-e9ea-4176-9dbc-a4cee4c4ff30"; // the demo seed's PostgreSQL cluster
const DEMO_TOKEN = "dbusers_simulator_demo_token";

type Published = PackageManifest & { dist: Dist };

interface Round {
  /** The public packages of the workspace copy after `changeset version`. */
  packages: WorkspacePackage[];
  version(name: string): string;
}

interface ConsumerReport {
  format: "esm" | "cjs";
  resolved: Record<string, string>;
  providers: string[];
  created: { provider: string; name: string; role: string };
  listed: string[];
  missing: string;
  password: Record<string, unknown>;
  violations: number;
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

const readJson = <T>(file: string): T => JSON.parse(readFileSync(file, "utf8")) as T;

let work: string;
let workspace: string;
let consumer: string;
let registry: Registry | undefined;
let authFile: string;
let npmVersion = "?";
let first: Round;
let pending: Set<string>;

const pnpm = (args: string[], env: NodeJS.ProcessEnv = {}) =>
  mustRun(path.join(workspace, "node_modules/.bin/pnpm"), args, workspace, env);

/** `pnpm version-packages` then `pnpm release` in the workspace copy, as a maintainer runs them. */
async function versionAndRelease(label: string): Promise<Round> {
  await timed(`${label}: pnpm version-packages`, () =>
    pnpm(["version-packages"], { PNPM_CONFIG_OFFLINE: "true" }),
  );
  await timed(`${label}: pnpm release`, () =>
    pnpm(["release"], { PNPM_CONFIG_REGISTRY: registry?.url, PNPM_CONFIG_NPMRC_AUTH_FILE: authFile }),
  );
  const packages = publicPackages(workspace);
  const version = (name: string) => {
    const found = packages.find(({ manifest }) => manifest.name === name);
    if (!found) throw new Error(`${name} is not a public package of the workspace`);
    return found.manifest.version;
  };
  return { packages, version };
}

const npm = (args: string[]) =>
  mustRun(
    "npm",
    [
      ...args,
      ...["--cache", path.join(work, "npm-cache")],
      ...["--no-audit", "--no-fund", "--no-update-notifier", "--loglevel=error"],
      "--no-omit-lockfile-registry-resolved", // keep `resolved` in the lockfile, to check where from
    ],
    consumer,
  );

async function published(name: string): Promise<{ latest?: string; versions: Record<string, Published> }> {
  const packument = (await registry?.packument(name)) as {
    "dist-tags": { latest?: string };
    versions: Record<string, Published>;
  };
  return { latest: packument["dist-tags"].latest, versions: packument.versions };
}

beforeAll(async () => {
  work = realpathSync(mkdtempSync(path.join(tmpdir(), "dbusers-release-")));
  workspace = path.join(work, "workspace");
  await timed("copy and install the workspace", () => copyWorkspace(repoRoot, workspace));

  mkdirSync(path.join(work, "registry"));
  const started = await timed("start verdaccio", () => startRegistry(path.join(work, "registry"), ENV));
  registry = started;
  // A release user, and its token in an auth file, as a release job writes one from its secret.
  const token = await started.addUser("release", "release-password-1");
  authFile = path.join(work, "auth.npmrc");
  writeFileSync(authFile, `${started.url.replace(/^https?:/, "")}:_authToken=${token}\n`);

  // The packages the pending changesets name. With none pending (just after a release), one is added,
  // so that the first round versions something as well as publishing.
  const changesets = await readChangesets(workspace);
  if (changesets.length === 0) {
    await pnpm(["changeset", "add", "--patch", "@dbusers/core", "--message", "Release test: a first round."]);
    changesets.push(...(await readChangesets(workspace)));
  }
  pending = new Set(changesets.flatMap((changeset) => changeset.releases.map((release) => release.name)));
  first = await versionAndRelease("first release");
  const dependencies = thirdPartyDependencies(workspace);
  await timed(`publish ${dependencies.length} third-party packages`, () =>
    publishAll(started, dependencies, token),
  );

  // The consumer: a new project outside the workspace, whose npm knows this registry only.
  consumer = path.join(work, "consumer");
  cpSync(CONSUMER_SOURCES, consumer, { recursive: true });
  const typesNode = dependencies.find(({ manifest }) => manifest.name === "@types/node")?.manifest;
  const project = {
    name: "dbusers-consumer",
    version: "1.0.0",
    private: true,
    type: "module",
    devDependencies: { [SIMULATOR]: `^${first.version(SIMULATOR)}`, "@types/node": typesNode?.version },
  };
  writeFileSync(path.join(consumer, "package.json"), `${JSON.stringify(project, null, 2)}\n`);
  writeFileSync(path.join(consumer, ".npmrc"), `registry=${started.url}\n`);
  npmVersion = (await mustRun("npm", ["--version"], consumer)).stdout.trim();
  await timed("npm install", () => npm(["install", SDK, CLIENT]));
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
  await registry?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
  const figures = timings.map(([label, ms]) => `${label} ${(ms / 1000).toFixed(1)} s`).join(", ");
  console.log(`release → install → use (npm ${npmVersion}, Node ${process.versions.node}): ${figures}`);
});

describe("pnpm version-packages (changeset version)", () => {
  it("consumes every pending changeset", () => {
    const left = readdirSync(path.join(workspace, ".changeset")).filter((file) => file.endsWith(".md"));
    expect(left.filter((file) => file !== "README.md")).toEqual([]);
  });

  it("bumps each package a pending changeset names, with its CHANGELOG, and lowers none", () => {
    expect(pending.size).toBeGreaterThan(0); // the workspace's own, or the one beforeAll adds
    for (const { dir, manifest } of first.packages) {
      const before = readJson<PackageManifest>(path.join(repoRoot, dir, "package.json")).version;
      const bumped = `${manifest.name} ${before} → ${manifest.version}`;
      if (pending.has(manifest.name)) {
        expect(semver.gt(manifest.version, before), bumped).toBe(true);
        expect(readFileSync(path.join(workspace, dir, "CHANGELOG.md"), "utf8")).toContain(
          `## ${manifest.version}`,
        );
      } else {
        expect(semver.gte(manifest.version, before), bumped).toBe(true);
      }
    }
  });
});

describe("pnpm release", () => {
  it("publishes every public package at its new version, as latest", async () => {
    expect(first.packages.length).toBeGreaterThanOrEqual(4);
    for (const { manifest } of first.packages) {
      const { latest, versions } = await published(manifest.name);
      expect([manifest.name, latest]).toEqual([manifest.name, manifest.version]);
      expect(Object.keys(versions)).toEqual([manifest.version]);
    }
  });

  it("replaces workspace: and catalog: ranges with the new versions", async () => {
    for (const { manifest } of first.packages) {
      const { versions } = await published(manifest.name);
      const release = versions[manifest.version] ?? ({} as Published);
      for (const field of ["dependencies", "peerDependencies", "optionalDependencies"]) {
        for (const [dependency, range] of Object.entries((release[field] ?? {}) as Record<string, string>)) {
          // Our own packages move together; third-party dependencies are pinned; an optional peer (the
          // simulator's database drivers) is a caret range, since the consumer installs its own.
          const expected = dependency.startsWith("@dbusers/")
            ? `^${first.version(dependency)}`
            : field === "peerDependencies"
              ? /^\^\d+\.\d+\.\d+(?:-[\w.]+)?$/
              : /^\d+\.\d+\.\d+$/;
          expect(range, `${manifest.name} ${field}.${dependency}`).toMatch(expected);
        }
      }
    }
  });

  it("publishes the metadata a registry user expects", async () => {
    for (const { dir, manifest } of first.packages) {
      const release = (await published(manifest.name)).versions[manifest.version];
      expect(release, manifest.name).toMatchObject({
        license: "MIT",
        repository: { type: "git", url: expect.stringMatching(/^git\+https:/), directory: dir },
        homepage: expect.stringContaining(dir),
        bugs: { url: expect.stringMatching(/^https:/) },
        engines: { node: SUPPORTED_NODE },
        keywords: expect.arrayContaining(["dbusers"]),
        publishConfig: { access: "public", provenance: true },
      });
    }
  });
});

describe("every published tarball", () => {
  const unpacked = new Map<string, string>();
  beforeAll(async () => {
    for (const { manifest } of first.packages) {
      const tarball = (await published(manifest.name)).versions[manifest.version]?.dist.tarball ?? "";
      const file = path.join(work, "tarballs", `${manifest.name.replace("/", "+")}.tgz`);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, Buffer.from(await (await fetch(tarball)).arrayBuffer()));
      const dir = path.join(work, "unpacked", manifest.name);
      mkdirSync(dir, { recursive: true });
      await extract({ file, cwd: dir, strip: 1 });
      unpacked.set(manifest.name, dir);
    }
  });
  const clientDirs = new Map(specs.map((entry) => [entry.package, entry]));
  const CLI_DIR = "packages/cli";
  const USERS_SCHEMA_FILE = "users.schema.json";

  it("holds dist/, package.json, README.md, LICENSE, CHANGELOG.md, a client's spec and the CLI's schema, nothing else", () => {
    for (const { dir, manifest } of first.packages) {
      const files = filesBelow(unpacked.get(manifest.name) ?? "?");
      const required = ["package.json", "README.md", "LICENSE"];
      if (clientDirs.has(dir)) required.push(SPEC_FILE);
      // users.yaml's JSON Schema, which editors fetch by its `$id` in the published package.
      if (dir === CLI_DIR) required.push(USERS_SCHEMA_FILE);
      // Every package that was ever versioned has one (a package no changeset has named yet has none).
      if (existsSync(path.join(workspace, dir, "CHANGELOG.md"))) required.push("CHANGELOG.md");
      const allowed = [...required, "CHANGELOG.md"];
      expect(
        files.filter((file) => !file.startsWith("dist/") && !allowed.includes(file)),
        dir,
      ).toEqual([]);
      expect(files, dir).toEqual(expect.arrayContaining(required));
      expect(
        files.filter((file) => /(^|\/)(src|test|tests|pacts|generated)\//.test(file)),
        dir,
      ).toEqual([]);
    }
  });

  it("ships each client's spec as openapi.yaml, the one in specs/", () => {
    expect(clientDirs.size).toBeGreaterThan(0);
    for (const [dir, entry] of clientDirs) {
      const name = first.packages.find((pkg) => pkg.dir === dir)?.manifest.name ?? dir;
      const shipped = readFileSync(path.join(unpacked.get(name) ?? "?", SPEC_FILE), "utf8");
      expect(shipped === readFileSync(path.join(workspace, entry.spec), "utf8"), name).toBe(true);
    }
  });

  it("holds every file its manifest points to", () => {
    for (const { manifest } of first.packages) {
      const files = filesBelow(unpacked.get(manifest.name) ?? "?");
      const targets = new Set<string>();
      const collect = (value: unknown): void => {
        if (typeof value === "string") targets.add(value.replace(/^\.\//, ""));
        else if (value && typeof value === "object") Object.values(value).forEach(collect);
      };
      for (const field of ["main", "module", "types", "exports", "bin"]) collect(manifest[field]);
      expect(
        [...targets].filter((target) => !files.includes(target)),
        manifest.name,
      ).toEqual([]);
      expect(targets.size).toBeGreaterThanOrEqual(5);
    }
  });
});

describe("the consumer's npm install", () => {
  let lockfile: { packages: Record<string, { version?: string; resolved?: string; integrity?: string }> };
  beforeAll(() => {
    lockfile = readJson(path.join(consumer, "package-lock.json"));
  });

  it("takes every package from the offline registry", () => {
    const entries = Object.entries(lockfile.packages).filter(([key]) => key !== "");
    expect(entries.length).toBeGreaterThan(10);
    expect(entries.filter(([, entry]) => !entry.resolved?.startsWith(registry?.url ?? "?"))).toEqual([]);
  });

  it("installs the released @dbusers packages, one copy each", async () => {
    const ours = Object.keys(lockfile.packages).filter((key) => key.includes("@dbusers/"));
    // What the consumer asked for, and every @dbusers package those depend on, transitively.
    const expected = new Set([SDK, CLIENT, SIMULATOR]);
    for (const name of expected) {
      const manifest = first.packages.find((pkg) => pkg.manifest.name === name)?.manifest;
      for (const dependency of Object.keys(manifest?.dependencies ?? {})) {
        if (dependency.startsWith("@dbusers/")) expected.add(dependency);
      }
    }
    expect(expected).toContain("@dbusers/core");
    expect(ours.sort()).toEqual([...expected].map((name) => `node_modules/${name}`).sort());
    for (const name of expected) {
      const { versions } = await published(name);
      expect(lockfile.packages[`node_modules/${name}`]).toMatchObject({
        version: first.version(name),
        integrity: versions[first.version(name)]?.dist.integrity,
      });
    }
  });
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
      [SDK, CLIENT, SIMULATOR].map((name) =>
        path.join(consumer, `node_modules/${name}/dist/index.${extension}`),
      ),
    );
  });

  it("creates a user through the facade, lists it through the client, and gets a NotFoundError", () => {
    const name = `${report.format}-consumer`;
    expect(report.providers).toContain("digitalocean");
    expect(report.created).toEqual({ provider: "digitalocean", name, role: "normal" });
    expect(report.listed).toEqual(["doadmin", "app-01", name]);
    expect(report.missing).toBe("NotFoundError");
    expect(report.violations).toBe(0);
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

describe.each(TS_CONFIGS)("a consumer's TypeScript under %s (strict, skipLibCheck off)", (config) => {
  let result: RunResult;
  beforeAll(async () => {
    result = await timed(`tsc -p ${config}`, () =>
      run(process.execPath, [TSC, "--noEmit", "-p", config], consumer),
    );
  });

  it("type-checks the uses of the public types, and reports the deliberate error alone", () => {
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

describe("a patch of one client, released again", () => {
  let second: Round;
  let installed: PackageManifest;
  beforeAll(async () => {
    await timed("patch: pnpm changeset add", () =>
      pnpm(["changeset", "add", "--patch", CLIENT, "--message", PATCH_NOTE]),
    );
    second = await versionAndRelease("patch");
    await timed("npm update", () => npm(["update"]));
    installed = readJson(path.join(consumer, "node_modules", CLIENT, "package.json"));
  }, SETUP_TIMEOUT_MS);

  it("bumps the client's patch version and publishes it as latest", async () => {
    expect(second.version(CLIENT)).toBe(semver.inc(first.version(CLIENT), "patch"));
    const { latest, versions } = await published(CLIENT);
    expect(latest).toBe(second.version(CLIENT));
    expect(Object.keys(versions).sort(semver.compare)).toEqual([
      first.version(CLIENT),
      second.version(CLIENT),
    ]);
  });

  it("reaches the consumer through npm update, with its changelog", () => {
    expect(installed.version).toBe(second.version(CLIENT));
    const lockfile = readJson<{ packages: Record<string, { version?: string }> }>(
      path.join(consumer, "package-lock.json"),
    );
    expect(lockfile.packages[`node_modules/${CLIENT}`]?.version).toBe(second.version(CLIENT));
    const changelog = readFileSync(path.join(consumer, "node_modules", CLIENT, "CHANGELOG.md"), "utf8");
    expect(changelog).toContain(`## ${second.version(CLIENT)}`);
    expect(changelog).toContain(PATCH_NOTE);
  });

  it("still runs in the consumer", async () => {
    const { stdout } = await timed("run esm.mjs after the update", () =>
      mustRun(process.execPath, ["esm.mjs"], consumer),
    );
    expect((JSON.parse(stdout) as ConsumerReport).missing).toBe("NotFoundError");
  });
});
