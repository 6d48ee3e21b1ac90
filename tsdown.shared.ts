// The build every publishable package shares: ESM (.mjs) + CommonJS (.cjs) with matching type
// declarations (.d.mts / .d.cts), so `import` and `require` consumers both get types (attw-clean).
import path from "node:path";
import type { UserConfig } from "tsdown";
import { findByPackageDir, fromRoot } from "./tools/specs.ts";

/**
 * A client package (its folder listed in tools/specs.ts) ships the spec it is generated from as
 * `openapi.yaml` beside its package.json, so that consumers can test their own code against the
 * contract. It is in the package's `files`, not its `exports`, which are for code
 * (tools/package-metadata.ts). Builds run from the package's folder.
 */
const client = findByPackageDir(process.cwd());

export const sharedBuild: UserConfig = {
  entry: ["src/index.ts"],
  format: ["esm", "cjs"],
  dts: true,
  platform: "neutral",
  // Published packages run on Node 20.3+ (AbortSignal.any); the workspace itself runs on Node 24.
  target: "node20",
  fixedExtension: true,
  ...(client && {
    copy: [{ from: path.relative(process.cwd(), fromRoot(client.spec)), to: ".", rename: "openapi.yaml" }],
  }),
};
