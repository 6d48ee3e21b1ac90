import { defineConfig } from "tsdown";
import { sharedBuild } from "../../tsdown.shared.ts";

// One entry for all vendors, and one per vendor: a service that uses one vendor imports
// `@dbusers/sdk/<vendor>` and bundles none of the other three. `@dbusers/sdk/declare` (plan, apply,
// import of declared users) takes any of them and loads no vendor client.
export default defineConfig({
  ...sharedBuild,
  entry: [
    "src/index.ts",
    "src/digitalocean.ts",
    "src/scalingo.ts",
    "src/cloud66.ts",
    "src/hostup.ts",
    "src/declare.ts",
  ],
});
