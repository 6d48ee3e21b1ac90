// The package.json fields a registry user expects, kept the same in every public package and derived
// from ONE setting: the root package.json's `repository`.
//
//   node tools/package-metadata.ts           writes the fields into every public package.json
//   node tools/package-metadata.ts --check   changes nothing; exits 1 naming every field out of step
//
// Written: repository (with the package's folder), homepage (its README), bugs, license, engines (the
// Node lines every package supports: SUPPORTED_NODE), publishConfig, and the files a package ships (a
// client package also ships its spec as openapi.yaml, beside its package.json: not in `exports`, which
// are for code). Checked only, because each package words its own: description, keywords, and a
// README.md and LICENSE beside the package.json.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import hostedGitInfo from "hosted-git-info";
import { type PackageManifest, publicPackages, type WorkspacePackage } from "./public-packages.ts";
import { fromRoot, repoRoot, specs } from "./specs.ts";

interface RootManifest {
  license?: string;
  repository?: { type?: string; url?: string };
}

/**
 * The Node versions every published package supports: Node's maintained lines, 22 and 24 (20 is past its
 * end of life). The workspace runs and tests everything on Node 24 (the root's `node` devDependency);
 * tools/test/oldest-node.test.ts runs the built packages on `OLDEST_NODE`, the floor of the 22 line.
 */
export const OLDEST_NODE = "22.12.0";
export const SUPPORTED_NODE = `^${OLDEST_NODE} || >=24.0.0`;

/** The file a client package ships its spec as, at its root. */
export const SPEC_FILE = "openapi.yaml";

/**
 * `publishConfig` for npm with provenance: `pnpm release` (changeset publish → pnpm publish) adds a
 * signed provenance statement when it runs in a CI that provides an OIDC identity, and publishes without
 * one elsewhere (the local registry of tools/test/release.test.ts).
 */
const PUBLISH_CONFIG = { access: "public", provenance: true } as const;

/** The fields written into a public package, in the order they are inserted after `license`. */
export function expectedFields(
  pkg: WorkspacePackage,
  root: RootManifest,
  isClient: boolean,
): Record<string, unknown> {
  const url = root.repository?.url;
  const info = url ? hostedGitInfo.fromUrl(url) : undefined;
  if (!url || !info) {
    throw new Error(`the root package.json needs a "repository" with a hosted git URL (got ${url})`);
  }
  const files = [
    ...new Set([...((pkg.manifest.files as string[] | undefined) ?? []), "dist", "CHANGELOG.md"]),
  ];
  if (isClient && !files.includes(SPEC_FILE)) files.push(SPEC_FILE);
  const fields: Record<string, unknown> = {
    license: root.license,
    repository: { type: "git", url, directory: pkg.dir },
    homepage: info.browse(pkg.dir, "readme"),
    bugs: { url: info.bugs() },
    engines: { ...(pkg.manifest.engines as object | undefined), node: SUPPORTED_NODE },
    publishConfig: PUBLISH_CONFIG,
    files,
  };
  return fields;
}

/** What each package words itself but must have; one message per problem. */
export function missingDescriptions(pkg: WorkspacePackage, root: string): string[] {
  const { manifest, dir } = pkg;
  const problems: string[] = [];
  if (typeof manifest.description !== "string" || manifest.description.length < 20) {
    problems.push(`${dir}: "description" must say what the package is`);
  }
  const keywords = manifest.keywords as string[] | undefined;
  if (!keywords?.includes("dbusers") || keywords.length < 3) {
    problems.push(`${dir}: "keywords" must hold "dbusers" and at least two more`);
  }
  for (const file of ["README.md", "LICENSE"]) {
    if (!existsSync(path.join(root, dir, file))) problems.push(`${dir}: ${file} is missing`);
  }
  return problems;
}

/** The manifest with `fields` set: existing keys keep their place, new ones follow `license`. */
export function withFields(manifest: PackageManifest, fields: Record<string, unknown>): PackageManifest {
  const entries = Object.entries(manifest);
  const added = Object.entries(fields).filter(([key]) => !(key in manifest));
  const at = entries.findIndex(([key]) => key === "license") + 1 || entries.length;
  entries.splice(at, 0, ...added);
  return Object.fromEntries(
    entries.map(([key, value]) => [key, key in fields ? fields[key] : value]),
  ) as PackageManifest;
}

const format = (manifest: unknown) => `${JSON.stringify(manifest, null, 2)}\n`;

/** Brings every public package in step; returns the problems (drift in check mode, and what is missing). */
export function syncMetadata(root: string, check: boolean): string[] {
  const rootManifest = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as RootManifest;
  const clients = new Set(specs.map((entry) => entry.package));
  const problems: string[] = [];
  for (const pkg of publicPackages(root)) {
    const file = path.join(root, pkg.dir, "package.json");
    const fields = expectedFields(pkg, rootManifest, clients.has(pkg.dir));
    const updated = format(withFields(pkg.manifest, fields));
    if (updated !== readFileSync(file, "utf8")) {
      if (check) {
        const stale = Object.keys(fields).filter(
          (key) => JSON.stringify(pkg.manifest[key]) !== JSON.stringify(fields[key]),
        );
        problems.push(`${pkg.dir}/package.json: out of step (${stale.join(", ")}): run pnpm metadata`);
      } else {
        writeFileSync(file, updated);
      }
    }
    problems.push(...missingDescriptions(pkg, root));
  }
  return problems;
}

if (import.meta.main) {
  const check = process.argv.includes("--check");
  const problems = syncMetadata(repoRoot, check);
  for (const problem of problems) console.error(problem);
  if (problems.length > 0) process.exit(1);
  console.log(
    `package metadata ${check ? "in step" : "written"}: ${publicPackages().length} public packages (${path.relative(repoRoot, fromRoot("package.json"))} "repository")`,
  );
}
