import { defineConfig, mergeConfig } from "vitest/config";
import shared from "../../vitest.shared.ts";

export default mergeConfig(
  shared,
  defineConfig({
    test: {
      // Test files share a worker's module cache, so each worker compiles the specs' validators once
      // (src/framework/spec.ts caches them per process). No test depends on module state.
      isolate: false,
      // Many tests start real database servers (initdb, start, stop): seconds on an idle machine, more
      // than the shared 30 s on a busy 2-core one (pnpm test:stress). Nothing is timed: these limits
      // only end a hang.
      testTimeout: 180_000,
      hookTimeout: 180_000,
      // The MariaDB of `pnpm test`, or one of this run's own (tools/mariadb/mysql-url.ts).
      globalSetup: ["../../tools/mariadb/vitest-global-setup.ts"],
    },
  }),
);
