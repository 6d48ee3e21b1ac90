import type { Reporter, TestModule } from "vitest/node";
import { textTable } from "../text-table.ts";

const SUITE = / conforms to DatabaseUsers$/;

/**
 * Prints the conformance suite's results as one table: a row per behaviour, a column per vendor. A test
 * named `row: detail` (the capability tests: "setPassword: unsupported, refused before sending") puts
 * its detail in the cell, so a vendor that legitimately lacks an operation shows how it was checked.
 */
export class ConformanceMatrixReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const cells = new Map<string, Map<string, string>>();
    const vendors: string[] = [];
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const path = test.fullName.split(" > ");
        const top = path.findIndex((name) => SUITE.test(name));
        if (top === -1) continue;
        const vendor = (path[top] as string).replace(SUITE, "");
        if (!vendors.includes(vendor)) vendors.push(vendor);
        const [behaviour, detail] = splitDetail(path.slice(top + 1).join(" › "));
        const state = test.result().state;
        const cell = state === "passed" ? `✓ ${detail ?? "pass"}` : `✗ ${state}`;
        const row = cells.get(behaviour) ?? new Map<string, string>();
        row.set(vendor, cell);
        cells.set(behaviour, row);
      }
    }
    if (vendors.length === 0) return;
    const header = ["behaviour", ...vendors];
    const rows = [...cells].map(([behaviour, row]) => [behaviour, ...vendors.map((v) => row.get(v) ?? "–")]);
    process.stdout.write(`\nConformance: behaviour × vendor\n${textTable(header, rows)}\n\n`);
  }
}

function splitDetail(name: string): [string, string | undefined] {
  const colon = name.lastIndexOf(": ");
  return colon === -1 ? [name, undefined] : [name.slice(0, colon), name.slice(colon + 2)];
}
