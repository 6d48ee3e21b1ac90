import type { Capabilities, CapabilityName } from "@dbusers/sdk";
import type { TourResult } from "./tour.ts";

const FLAGS: readonly CapabilityName[] = [
  "get",
  "setPassword",
  "readOnly",
  "databases",
  "privileges",
  "asyncOperations",
];

/** One row per step, one column per vendor. */
export function resultsTable(results: ReadonlyMap<string, TourResult>): Array<Record<string, string>> {
  const steps = [...new Set([...results.values()].flatMap((result) => [...result.steps.keys()]))];
  return steps.map((step) => ({
    step,
    ...Object.fromEntries([...results].map(([vendor, result]) => [vendor, result.steps.get(step) ?? "–"])),
  }));
}

/** One row per capability flag, one column per vendor; a note where the vendor has one. */
export function capabilitiesTable(results: ReadonlyMap<string, TourResult>): Array<Record<string, string>> {
  return FLAGS.map((flag) => ({
    capability: flag,
    ...Object.fromEntries(
      [...results].map(([vendor, { capabilities }]) => [vendor, cell(capabilities, flag)]),
    ),
  }));
}

function cell(capabilities: Capabilities, flag: CapabilityName): string {
  const note = capabilities.notes?.[flag];
  return `${capabilities[flag] ? "yes" : "no"}${note ? ` (${note})` : ""}`;
}
