import { defineConfig, mergeConfig } from "vitest/config";
import shared from "../vitest.shared.ts";

export default mergeConfig(
  shared,
  defineConfig({
    test: {
      // These tests run the real openapi-generator JAR (a JVM start each time) and openapi-typescript:
      // more than two minutes when both cores are busy (pnpm test:stress). The limits only end a hang.
      testTimeout: 600_000,
      hookTimeout: 600_000,
      // The replicas test shares the Redis `pnpm test` started (or one of its own).
      globalSetup: ["redis/vitest-global-setup.ts"],
    },
  }),
);
