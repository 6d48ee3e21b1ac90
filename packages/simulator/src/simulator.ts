// The simulator of the vendors in src/vendors/index.ts: the framework (src/framework/server.ts) bound to
// that list. Nothing here names a vendor; each type below follows the list.
import {
  type ControlsOf,
  type SeedsOf,
  type SimulatorFor,
  type SimulatorOptionsFor,
  startVendorSimulator,
  type UrlsOf,
} from "./framework/server.ts";
import { VENDORS } from "./vendors/index.ts";

export { DEFAULT_TOKEN } from "./framework/server.ts";

type Vendors = typeof VENDORS;

/** Per-vendor starting state, e.g. `{ digitalocean: { clusters: [...] } }`. */
export type SimulatorSeed = SeedsOf<Vendors>;
/** Per-vendor base URLs (`sim.urls.digitalocean`, …). */
export type SimulatorUrls = UrlsOf<Vendors>;
/** Per-vendor control handles (`sim.digitalocean`, …). */
export type SimulatorControls = ControlsOf<Vendors>;
export type SimulatorOptions = SimulatorOptionsFor<Vendors>;
export type Simulator = SimulatorFor<Vendors>;

/** Starts a simulator of every vendor on an HTTP port. Close it with `await sim.close()` (or `await using`). */
export function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  return startVendorSimulator(VENDORS, options);
}
