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
