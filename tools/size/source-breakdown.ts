// Where the bytes of an entry come from, file by file: the same import bundled as measure.ts bundles it,
// but from the packages' TypeScript sources (every `@dbusers/…` import resolved to its src/ file) so that
// esbuild's metafile attributes the bytes to src/retry.ts, src/secret.ts… instead of one dist chunk.
// The total is close to the build's, not equal (tsdown's output is not esbuild's): read it for shares.
import path from "node:path";
import { build, type Plugin } from "esbuild";
import { repoRoot } from "../specs.ts";
import { sourceEntries } from "./entries.ts";

/** Minified bytes by source file (relative to the repository root, or a third-party package's name). */
export async function sourceBreakdown(source: string, root: string = repoRoot): Promise<Map<string, number>> {
  const sources = sourceEntries(root);
  const workspaceSources: Plugin = {
    name: "dbusers-sources",
    setup(bundle) {
      bundle.onResolve({ filter: /^@dbusers\// }, (args) => {
        const file = sources.get(args.path);
        return file ? { path: file } : undefined;
      });
    },
  };
  const result = await build({
    stdin: {
      contents: `import * as all from ${JSON.stringify(source)};\nconsole.log(all);`,
      resolveDir: root,
    },
    bundle: true,
    minify: true,
    platform: "node",
    format: "esm",
    target: "node20",
    write: false,
    metafile: true,
    logLevel: "silent",
    plugins: [workspaceSources],
  });
  const bytes = new Map<string, number>();
  for (const output of Object.values(result.metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      // A JSON import (core's package.json, for its version) is bundled whole by esbuild, while tsdown
      // keeps only the fields used: not a cost of the build, so not counted.
      if (bytesInOutput === 0 || input === "<stdin>" || input.endsWith(".json")) continue;
      const label = inputLabel(path.resolve(input), root);
      bytes.set(label, (bytes.get(label) ?? 0) + bytesInOutput);
    }
  }
  return bytes;
}

/** `openapi-fetch` for a third-party package's file, else the path relative to the repository root. */
export function inputLabel(file: string, root: string = repoRoot): string {
  const inNodeModules = file.split(`${path.sep}node_modules${path.sep}`).at(-1);
  if (inNodeModules !== undefined && inNodeModules !== file) {
    const [scope, name] = inNodeModules.split(path.sep);
    return scope?.startsWith("@") ? `${scope}/${name}` : (scope ?? file);
  }
  return path.relative(root, file);
}
