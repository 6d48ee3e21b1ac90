// What `pnpm size` measures, found rather than listed: each client package of tools/specs.ts, the
// facade's entry for each of those vendors (`@dbusers/sdk/<vendor>`), and the facade's all-vendor entry.
// Each is an entry of a package's `exports`, measured through its ES module build, with the source file
// it is built from (tsdown's convention here: src/<name>.ts → dist/<name>.mjs).
import path from "node:path";
import { type PackageManifest, publicPackages, type WorkspacePackage } from "../public-packages.ts";
import { repoRoot, specs } from "../specs.ts";

export interface SizeEntry {
  /** The import specifier: `@dbusers/sdk/digitalocean`. */
  readonly name: string;
  /** Its ES module build (absolute). */
  readonly file: string;
  /** The source file that build is made from (absolute). */
  readonly source: string;
}

const FACADE = "@dbusers/sdk";

/** The ES module build of `subpath` (`.`, `./digitalocean`) in a package's `exports`, relative to it. */
function esmBuild(manifest: PackageManifest, subpath: string): string | undefined {
  const target = manifest.exports?.[subpath] as { import?: { default?: string } } | undefined;
  return target?.import?.default;
}

/** The entry `subpath` of a public package; an error naming what is missing if it has none. */
export function entryOf(pkg: WorkspacePackage, subpath: string, root: string = repoRoot): SizeEntry {
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

/** Every entry with a budget, clients first. */
export function sizeEntries(root: string = repoRoot): SizeEntry[] {
  const packages = publicPackages(root);
  const byDir = (dir: string) => packages.find((pkg) => pkg.dir === dir);
  const facade = packages.find((pkg) => pkg.manifest.name === FACADE);
  if (!facade) throw new Error(`${FACADE} is not a public package of ${root}`);
  return [
    ...specs.map((entry) => {
      const client = byDir(entry.package);
      if (!client) throw new Error(`${entry.package} (tools/specs.ts) is not a public package`);
      return entryOf(client, ".", root);
    }),
    ...specs.map((entry) => entryOf(facade, `./${entry.vendor}`, root)),
    entryOf(facade, ".", root),
  ];
}

/** Every public package's entries, by import specifier: what an import of `@dbusers/…` means in src/. */
export function sourceEntries(root: string = repoRoot): Map<string, string> {
  const sources = new Map<string, string>();
  for (const pkg of publicPackages(root)) {
    for (const subpath of Object.keys(pkg.manifest.exports ?? {})) {
      if (esmBuild(pkg.manifest, subpath) === undefined) continue; // ./package.json
      const entry = entryOf(pkg, subpath, root);
      sources.set(entry.name, entry.source);
    }
  }
  return sources;
}
