// Packs an installed package's folder again as an npm tarball, for tools/release/dependencies.ts's
// packages: gzipped tar, each file under `package/`, with the options `npm pack` gives node-tar.
import { readdirSync, type Stats } from "node:fs";
import path from "node:path";
import { create, type ReadEntry } from "tar";

/** npm's fixed timestamp for tarball entries, so that packing the same folder twice gives the same bytes. */
const MTIME = new Date("1985-10-26T08:15:00.000Z");

/**
 * Every file as a regular file entry. pnpm's store hard-links identical files (openapi-typescript-helpers
 * has three identical .d.ts files), node-tar stores a file whose inode it has already packed (`nlink` > 1)
 * as a hard-link entry, and npm drops those when it extracts: the types went missing. node-tar hands the
 * filter the `fs.Stats` it then packs by, which npm itself relies on (pacote's filter sets the bins'
 * executable bits); with `nlink` 1 every file is written out in full.
 */
const asRegularFile = (_path: string, entry: Stats | ReadEntry): boolean => {
  entry.nlink = 1;
  return true;
};

/**
 * The folder's regular files as an npm tarball. Symbolic links are left out: the only ones in pnpm's
 * store are the node_modules/.bin links pnpm adds, which were never in the package's tarball.
 */
export function packDirectory(dir: string): Promise<Buffer> {
  const files = readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .sort();
  const options = { cwd: dir, prefix: "package/", gzip: true, portable: true, mtime: MTIME };
  // `sync` packs at once (faster than node-tar's streaming for ~90 small packages); concat() collects it.
  return create({ ...options, filter: asRegularFile, sync: true }, files).concat();
}
