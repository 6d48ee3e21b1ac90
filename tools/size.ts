// `pnpm size`: size budgets for what our packages add to a service's bundle. Measures each entry of
// tools/size/entries.ts (every client package, the facade per vendor and for all vendors) with
// size-limit (tools/size/measure.ts), prints the figures against the budgets in tools/size/budgets.json,
// what every client is built on (openapi-fetch, and core's public API) for scale, and what costs the
// bytes; exits 1 when an entry is over its budget or has none.
//
//   node tools/size.ts    (pnpm size builds the packages first; pnpm test runs it after its build)
//
// Budgets are bytes, set from measurements ~1 % above them: raising one is a decision, made in review.
import { readFileSync } from "node:fs";
import { foundationEntries, sizeEntries } from "./size/entries.ts";
import { measureImport, measureImports } from "./size/measure.ts";
import { type Budget, formatReport, type Measured, suggestedBudget, withinBudget } from "./size/report.ts";
import { sourceBreakdown } from "./size/source-breakdown.ts";

const budgets = JSON.parse(readFileSync(new URL("./size/budgets.json", import.meta.url), "utf8")) as Record<
  string,
  Budget | undefined
>;

const measured: Measured[] = [];
for (const entry of sizeEntries()) {
  measured.push({
    name: entry.name,
    size: await measureImport(entry.file),
    budget: budgets[entry.name],
    sources: await sourceBreakdown(entry.source),
  });
}
const foundation = [];
for (const entry of foundationEntries()) {
  foundation.push({ name: entry.name, size: await measureImports(entry.imports) });
}
console.log(formatReport(measured, foundation));

const failed = measured.filter((entry) => !withinBudget(entry));
if (failed.length > 0) {
  console.error(
    "\nsize: over budget or without one. Cut bytes, or set the budget in tools/size/budgets.json:",
  );
  for (const entry of failed)
    console.error(`  "${entry.name}": ${JSON.stringify(suggestedBudget(entry.size))}`);
  process.exit(1);
}
