import { defineConfig } from "tsdown";
import { sharedBuild } from "../../tsdown.shared.ts";

export default defineConfig({
  ...sharedBuild,
  // `cli` is the `dbusers-simulator` bin; it shares a chunk with the library.
  entry: ["src/index.ts", "src/cli.ts"],
  platform: "node",
  target: "node22",
  // The vendors' OpenAPI specs ship with the package: the simulator validates against them at runtime
  // (read from `dist/specs/`, next to the bundle).
  copy: [{ from: "../../specs/*.yaml", to: "dist/specs" }],
});
