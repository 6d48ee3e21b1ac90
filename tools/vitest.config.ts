import { defineConfig, mergeConfig } from "vitest/config";
import shared from "../vitest.shared.ts";

export default mergeConfig(
  shared,
  defineConfig({
    test: {
      // These tests run the real openapi-generator JAR (a JVM start each time) and openapi-typescript.
      testTimeout: 120_000,
      hookTimeout: 120_000,
      // The replicas test shares the Redis `pnpm test` started (or one of its own).
      globalSetup: ["redis/vitest-global-setup.ts"],
    },
  }),
);
