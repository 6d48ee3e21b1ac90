// The third-party packages a consumer of ours installs (openapi-fetch; the simulator's fastify,
// openapi-backend, ajv, yaml…), and all of theirs, taken from the workspace's own install so that
// tools/test/publish.test.ts can serve them from its offline registry: the exact versions of
// pnpm-lock.yaml, without the network.
//
// pnpm keeps each package's files as they were in its tarball, in node_modules/.pnpm/<key>/node_modules/
// <name>, with the packages it depends on (its peers included) linked beside it; that folder, packed
// again under `package/`, is the tarball the consumer's npm installs.
import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
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

/**
 * The folder's files as an npm tarball: gzipped ustar, each file under `package/`, regular files only.
 * Written here rather than with node-tar, which stores a file that shares its inode with one already
 * packed as a hard link, and pnpm's store hard-links identical files (openapi-typescript-helpers' three
 * identical .d.ts files): npm drops hard-link entries when it extracts, so the types went missing.
 */
export function packDirectory(dir: string): Buffer {
  const blocks: Buffer[] = [];
  const files = readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join("/"))
    .sort();
  for (const file of files) {
    const content = readFileSync(path.join(dir, file));
    const executable = (statSync(path.join(dir, file)).mode & 0o111) !== 0;
    blocks.push(tarHeader(`package/${file}`, content.length, executable ? 0o755 : 0o644), content);
    blocks.push(Buffer.alloc((512 - (content.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024)); // the end of the archive: two empty blocks
  return gzipSync(Buffer.concat(blocks));
}

/** npm's own fixed timestamp for tarball entries (1985-10-26T08:15:00Z), so packing is reproducible. */
const MTIME = 499_162_500;

function tarHeader(name: string, size: number, mode: number): Buffer {
  // A name longer than 100 bytes is split at a slash into `prefix` (155 bytes at most) and `name`.
  let [prefix, base] = ["", name];
  if (Buffer.byteLength(name) > 100) {
    const slash = [...name.matchAll(/\//g)]
      .map((match) => match.index)
      .find(
        (index) =>
          Buffer.byteLength(name.slice(0, index)) <= 155 && Buffer.byteLength(name.slice(index + 1)) <= 100,
      );
    if (slash === undefined) throw new Error(`path too long for a ustar header: ${name}`);
    [prefix, base] = [name.slice(0, slash), name.slice(slash + 1)];
  }
  const octal = (value: number, digits: number) => `${value.toString(8).padStart(digits, "0")}\0`;
  const header = Buffer.alloc(512);
  header.write(base, 0, 100);
  header.write(octal(mode, 7), 100); // mode
  header.write(octal(0, 7), 108); // uid
  header.write(octal(0, 7), 116); // gid
  header.write(octal(size, 11), 124);
  header.write(octal(MTIME, 11), 136);
  header.write(" ".repeat(8), 148); // the checksum counts its own field as spaces
  header.write("0", 156); // a regular file
  header.write("ustar\0" + "00", 257);
  header.write(prefix, 345, 155);
  const checksum = header.reduce((sum, byte) => sum + byte, 0);
  header.write(`${checksum.toString(8).padStart(6, "0")}\0 `, 148);
  return header;
}

/** Compares two versions `x.y.z` by their numbers (enough to publish a package's versions in order). */
export function compareVersions(a: string, b: string): number {
  const numbers = (version: string) => version.split(/[.+-]/).map((part) => Number.parseInt(part, 10) || 0);
  const [left, right] = [numbers(a), numbers(b)];
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const difference = (left[i] ?? 0) - (right[i] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}
