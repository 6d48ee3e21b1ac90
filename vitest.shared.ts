// The vitest settings every package shares; each package's vitest.config.ts merges its own on top.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // tools/test-summary.ts adds these reports up into the suite's closing line.
    reporters: ["default", "json"],
    outputFile: { json: "test-results/vitest.json" },
    // turbo runs every package's tests at once on CI's two cores: a slow machine is not a failure.
    // Speed is measured by benchmarks, never asserted through timeouts: these only end a hang. Tests that
    // start real database servers (initdb, start, stop) pass 30 s when both cores are busy, as
    // `pnpm test:stress` keeps them.
    testTimeout: 180_000,
    hookTimeout: 180_000,
  },
});
