// The packages we publish: every packages/<name>/package.json that is not `private`. Release, size,
// docs and metadata tools read this instead of a list, so a package merged later is picked up as it is.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { repoRoot } from "./specs.ts";

/** The fields of a package.json the tools read; the rest is kept as it is. */
export interface PackageManifest {
  name: string;
  version: string;
  private?: boolean;
  exports?: Record<string, unknown>;
  dependencies?: Record<string, string>;
  [field: string]: unknown;
}

export interface WorkspacePackage {
  /** The package's folder relative to the repository root, `/`-separated: `packages/core`. */
  readonly dir: string;
  readonly manifest: PackageManifest;
}

/** The public packages below `<root>/packages`, sorted by folder. */
export function publicPackages(root: string = repoRoot): WorkspacePackage[] {
  const parent = path.join(root, "packages");
  return readdirSync(parent, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(parent, entry.name, "package.json")))
    .map((entry) => ({
      dir: `packages/${entry.name}`,
      manifest: JSON.parse(
        readFileSync(path.join(parent, entry.name, "package.json"), "utf8"),
      ) as PackageManifest,
    }))
    .filter(({ manifest }) => manifest.private !== true)
    .sort((a, b) => a.dir.localeCompare(b.dir));
}

/** One entry of a package's `exports`: its import specifier, its ES module build and its source. */
export interface PackageEntry {
  /** The import specifier: `@dbusers/sdk/digitalocean`. */
  readonly name: string;
  /** Its ES module build (absolute). */
  readonly file: string;
  /** The source file that build is made from (absolute): tsdown's src/<name>.ts → dist/<name>.mjs. */
  readonly source: string;
}

/** The ES module build of `subpath` (`.`, `./digitalocean`) in a package's `exports`, relative to it. */
function esmBuild(manifest: PackageManifest, subpath: string): string | undefined {
  const target = manifest.exports?.[subpath] as { import?: { default?: string } } | undefined;
  return target?.import?.default;
}

/** The entry `subpath` of a public package; an error naming what is missing if it has none. */
export function packageEntry(pkg: WorkspacePackage, subpath: string, root: string = repoRoot): PackageEntry {
  const build = esmBuild(pkg.manifest, subpath);
  const match = build && /^\.\/dist\/(.+)\.mjs$/.exec(build);
  if (!match) throw new Error(`${pkg.manifest.name} has no ES module build at exports["${subpath}"]`);
  const dir = path.join(root, pkg.dir);
  return {
    name: subpath === "." ? pkg.manifest.name : `${pkg.manifest.name}/${subpath.slice(2)}`,
    file: path.join(dir, build),
    source: path.join(dir, "src", `${match[1]}.ts`),
  };
}

/** Every code entry of a package's `exports` (not `./package.json`). */
export function packageEntries(pkg: WorkspacePackage, root: string = repoRoot): PackageEntry[] {
  return Object.keys(pkg.manifest.exports ?? {})
    .filter((subpath) => esmBuild(pkg.manifest, subpath) !== undefined)
    .map((subpath) => packageEntry(pkg, subpath, root));
}
