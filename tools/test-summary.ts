// Sums the vitest JSON reports that every package's `test` script writes to test-results/, so that
// one closing line states how many tests the whole suite ran (turbo restores the reports of cached runs).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

interface VitestReport {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
}

const root = new URL("..", import.meta.url).pathname;
const folders = [
  "tools",
  "bench",
  ...readdirSync(join(root, "packages")).map((name) => join("packages", name)),
  ...readdirSync(join(root, "examples")).map((name) => join("examples", name)),
];

let passed = 0;
let failed = 0;
let skipped = 0;
for (const folder of folders) {
  // One report per vitest run: test-results/vitest.json, and tools' test:release writes release.json.
  const results = join(root, folder, "test-results");
  if (!existsSync(results)) continue;
  for (const name of readdirSync(results).filter((file) => file.endsWith(".json"))) {
    const report = JSON.parse(readFileSync(join(results, name), "utf8")) as VitestReport;
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    skipped += report.numPendingTests + report.numTodoTests;
    const label = name === "vitest.json" ? folder : `${folder} (${name.replace(/\.json$/, "")})`;
    console.log(`${label.padEnd(32)} ${report.numPassedTests} passed, ${report.numFailedTests} failed`);
  }
}
console.log(`Tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
if (failed > 0 || passed === 0) process.exitCode = 1;
