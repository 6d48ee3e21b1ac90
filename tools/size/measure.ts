/// <reference path="./size-limit-plugins.d.ts" />
// What importing a module costs a service's bundle, measured by size-limit (its esbuild and file
// plugins): the import is bundled with everything it pulls in, minified, for Node 20 as an ES module,
// then counted raw and gzipped (level 9). Shared by `pnpm size` (tools/size.ts) and `pnpm bench`
// (bench/src/bundle-size.ts), so both report the same figures.

import path from "node:path";
import esbuildPlugin from "@size-limit/esbuild";
import filePlugin from "@size-limit/file";
import type { Metafile } from "esbuild";
import sizeLimit, { type Check } from "size-limit";

export interface BundleSize {
  /** Bytes of the minified bundle. */
  readonly minified: number;
  /** Bytes of the minified bundle, gzipped. */
  readonly gzipped: number;
  /** Bytes each input file (absolute path) adds to the minified bundle, from esbuild's metafile. */
  readonly inputs: Readonly<Record<string, number>>;
}

/** How a Node service's bundler builds: the packages' ESM builds, for the oldest Node they support. */
const forNode = <T extends object>(config?: T): T =>
  ({ ...config, platform: "node", format: "esm", target: "node20" }) as T;

/**
 * The cost of `import <names> from "<file>"` (`names` as size-limit takes them: `*` for everything the
 * module exports, or `{ a, b }`), with `file` an absolute path.
 */
export function measureImport(file: string, names = "*"): Promise<BundleSize> {
  return measureImports({ [file]: names });
}

/** The cost of several imports in one bundle: `{ [absolute file]: names }`, as for measureImport. */
export async function measureImports(imports: Readonly<Record<string, string>>): Promise<BundleSize> {
  // size-limit's API takes its internal form of a check (`files`, given here empty, is set from `import`)
  // and writes its results into it: `size`, and the esbuild plugin's `esbuildMetafile`.
  type Measured = Check & { files: string[]; size?: number; esbuildMetafile?: Metafile };
  const check = (compression: Partial<Check>): Measured => ({
    path: [],
    files: [],
    import: { ...imports },
    modifyEsbuildConfig: forNode,
    ...compression,
  });
  // Two checks of the same imports: size-limit counts each check one way (raw, or gzip).
  const [raw, gzip] = [check({ brotli: false }), check({ gzip: true })];
  await sizeLimit([filePlugin, esbuildPlugin], { checks: [raw, gzip] });
  // By input, less the import statement size-limit wrote (by then, `files` is its path).
  const stub = new Set([raw.files].flat());
  const inputs: Record<string, number> = {};
  for (const output of Object.values(raw.esbuildMetafile?.outputs ?? {})) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const file = path.resolve(input); // esbuild's paths are relative to the working folder
      if (!stub.has(file)) inputs[file] = bytesInOutput;
    }
  }
  return { minified: raw.size ?? Number.NaN, gzipped: gzip.size ?? Number.NaN, inputs };
}
