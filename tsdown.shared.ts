// The build every publishable package shares: ESM (.mjs) + CommonJS (.cjs) with matching type
// declarations (.d.mts / .d.cts), so `import` and `require` consumers both get types (attw-clean).
import type { UserConfig } from "tsdown";

export const sharedBuild: UserConfig = {
  entry: ["src/index.ts"],
  format: ["esm", "cjs"],
  dts: true,
  platform: "neutral",
  // Published packages run on Node 20.3+ (AbortSignal.any); the workspace itself runs on Node 24.
  target: "node20",
  fixedExtension: true,
};
