import { defineConfig, mergeConfig } from "vitest/config";
import shared from "../../vitest.shared.ts";

export default mergeConfig(
  shared,
  defineConfig({
    test: {
      // The MariaDB of `pnpm test`, or one of this run's own (tools/mariadb/mysql-url.ts).
      globalSetup: ["../../tools/mariadb/vitest-global-setup.ts"],
    },
  }),
);
