import { defineConfig } from "tsdown";
import { sharedBuild } from "../../tsdown.shared.ts";

export default defineConfig([
  // The library entry (users.yaml loader, exit codes): ESM + CJS like every package of the repository.
  { ...sharedBuild, entry: ["src/index.ts"], platform: "node", target: "node22" },
  // The bin: ESM only. Nothing imports it, and commander 15 and yocto-spinner are ESM-only themselves.
  { ...sharedBuild, entry: ["src/bin.ts"], format: ["esm"], dts: false, platform: "node", target: "node22" },
]);
