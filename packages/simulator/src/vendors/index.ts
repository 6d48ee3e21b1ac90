// The one list of vendors the simulator serves. Adding a vendor = its folder under src/vendors/<name>/
// (a module implementing VendorModule) and one entry here; no framework file changes.
import { cloud66 } from "./cloud66/index.ts";
import { digitalocean } from "./digitalocean/index.ts";
import { hostup } from "./hostup/index.ts";
import { scalingo } from "./scalingo/index.ts";

/**
 * The vendors this simulator serves, each under `/${name}`. The tuple type keeps each module's own
 * name, control handle and seed types, from which `Simulator` derives `sim.urls.<name>`, `sim.<name>`
 * and `SimulatorSeed`. (`isolatedDeclarations` wants the tuple type written out: one entry per vendor
 * in the type and in the value.)
 */
export const VENDORS: readonly [typeof digitalocean, typeof scalingo, typeof cloud66, typeof hostup] = [
  digitalocean,
  scalingo,
  cloud66,
  hostup,
];
