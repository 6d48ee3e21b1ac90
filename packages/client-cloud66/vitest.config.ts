import { defineConfig, mergeConfig } from "vitest/config";
import shared from "../../vitest.shared.ts";

export default mergeConfig(
  shared,
  defineConfig({
    test: {
      globalSetup: ["test/contract/global-setup.ts"],
      // Test files share a worker's module cache, so each worker compiles the simulator's spec
      // validators once rather than once per file (a second or two of CPU each). No test depends on
      // module state: each makes its own simulator and stacks.
      isolate: false,
    },
  }),
);
