// The third-party packages a consumer of ours installs (openapi-fetch; the simulator's fastify,
// openapi-backend, ajv, yaml…), and all of theirs, taken from the workspace's own install so that
// tools/test/release.test.ts can serve them from its offline registry: the exact versions of
// pnpm-lock.yaml, without the network.
//
// pnpm keeps each package's files as they were in its tarball, in node_modules/.pnpm/<key>/node_modules/
// <name>, with the packages it depends on (its peers included) linked beside it; that folder, packed
// again (tools/release/pack.ts), is the tarball the consumer's npm installs.
//
// Walked here rather than read from `pnpm list --json --prod --depth Infinity`, which gives the same
// folders but leaves out peer dependencies (ajv-formats lists no ajv), and npm installs peers.
import { existsSync, readFileSync, realpathSync } from "node:fs";
import path from "node:path";
import type { Manifest } from "./registry.ts";

export interface InstalledPackage {
  /** The package's folder in pnpm's virtual store. */
  readonly dir: string;
  readonly manifest: Manifest;
}

/** A dependency to start from: the package `name` as seen from the folder `from` (a project's root). */
export interface Root {
  readonly from: string;
  readonly name: string;
}

interface DependencyFields {
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

/**
 * Every package npm would install for the given roots: their dependencies, optional dependencies
 * (where installed) and peers (npm installs those too, unless optional and absent), transitively.
 * A required one that the workspace lacks is an error naming who needs it.
 */
export function dependencyClosure(roots: readonly Root[]): InstalledPackage[] {
  const found = new Map<string, InstalledPackage>();
  const missing: string[] = [];

  const visit = (nodeModules: string, name: string, optional: boolean, neededBy: string): void => {
    const link = path.join(nodeModules, name);
    if (!existsSync(link)) {
      if (!optional) missing.push(`${name}, needed by ${neededBy}`);
      return;
    }
    const dir = realpathSync(link);
    if (found.has(dir)) return;
    const manifest = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")) as Manifest &
      DependencyFields;
    found.set(dir, { dir, manifest });
    // The node_modules folder that holds this package also holds what it depends on.
    const siblings = path.resolve(dir, ...name.split("/").map(() => ".."));
    const id = `${manifest.name}@${manifest.version}`;
    for (const dependency of Object.keys(manifest.dependencies ?? {})) visit(siblings, dependency, false, id);
    for (const dependency of Object.keys(manifest.optionalDependencies ?? {})) {
      visit(siblings, dependency, true, id);
    }
    for (const dependency of Object.keys(manifest.peerDependencies ?? {})) {
      visit(siblings, dependency, manifest.peerDependenciesMeta?.[dependency]?.optional === true, id);
    }
  };

  for (const root of roots) visit(path.join(root.from, "node_modules"), root.name, false, root.from);
  if (missing.length > 0) throw new Error(`not installed in the workspace: ${missing.join("; ")}`);
  return [...found.values()];
}
