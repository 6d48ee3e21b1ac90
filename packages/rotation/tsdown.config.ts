import { defineConfig } from "tsdown";
import { sharedBuild } from "../../tsdown.shared.ts";

// The drivers' helpers are entries of their own, so that the main entry never mentions pg or mysql2.
export default defineConfig({
  ...sharedBuild,
  entry: ["src/index.ts", "src/postgres.ts", "src/mysql.ts"],
});
