import { defineConfig } from "tsdown";
import { sharedBuild } from "../../tsdown.shared.ts";

// Two entries: the public API, and `@dbusers/core/adapter` for vendor client packages.
export default defineConfig({ ...sharedBuild, entry: ["src/index.ts", "src/adapter.ts"] });
