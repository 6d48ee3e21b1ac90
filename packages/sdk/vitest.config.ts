import { ConformanceMatrixReporter } from "@dbusers/testing";
import { defineConfig, mergeConfig } from "vitest/config";
import shared from "../../vitest.shared.ts";

// The facade runs the conformance suite for every vendor; the matrix reporter prints behaviour × vendor.
export default mergeConfig(
  shared,
  defineConfig({ test: { reporters: ["default", "json", new ConformanceMatrixReporter()] } }),
);
