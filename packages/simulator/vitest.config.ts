import { defineConfig, mergeConfig } from "vitest/config";
import shared from "../../vitest.shared.ts";

export default mergeConfig(
  shared,
  defineConfig({
    test: {
      // Test files share a worker's module cache, so each worker compiles the specs' validators once
      // (src/framework/spec.ts caches them per process). No test depends on module state.
      isolate: false,
      // The MariaDB of `pnpm test`, or one of this run's own (tools/mariadb/mysql-url.ts).
      globalSetup: ["../../tools/mariadb/vitest-global-setup.ts"],
    },
  }),
);
