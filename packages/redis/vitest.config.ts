import { defineConfig, mergeConfig } from "vitest/config";
import shared from "../../vitest.shared.ts";

export default mergeConfig(
  shared,
  defineConfig({
    // The Redis `pnpm test` started (tools/redis/with-redis.ts), or one started for this run alone.
    test: { globalSetup: ["../../tools/redis/vitest-global-setup.ts"] },
  }),
);
