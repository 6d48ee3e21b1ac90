// `pnpm contract` for one client package (its `contract` script runs `node ../../tools/contract.ts`):
//   1. openapi-pact-comparator checks every pact file the package's tests wrote against its spec;
//   2. Pact provider verification replays every pact against the simulator.
// Prints the interactions per operation; exits non-zero if either check fails.
import { readdirSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { comparePacts } from "./contract/compare-pacts.ts";
import { countInteractions } from "./contract/count-interactions.ts";
import { type ProviderStatesModule, verifyPacts } from "./contract/verify-pacts.ts";
import { findByPackageDir, fromRoot } from "./specs.ts";

const entry = findByPackageDir(process.cwd());
if (!entry) throw new Error(`contract: ${process.cwd()} is not a client package listed in tools/specs.ts`);

const packageDir = fromRoot(entry.package);
const specFile = fromRoot(entry.spec);
const pactDir = path.join(packageDir, "pacts");
const pactFiles = readdirSync(pactDir, { withFileTypes: true })
  .filter((file) => file.isFile() && file.name.endsWith(".json"))
  .map((file) => path.join(pactDir, file.name));
if (pactFiles.length === 0)
  throw new Error(`contract: no pact files in ${pactDir}; run the package's tests first`);

console.log(`${entry.vendor}: interactions per operation`);
for (const tally of await countInteractions(specFile, pactFiles)) {
  console.log(
    `  ${tally.operationId.padEnd(28)} ${String(tally.interactions).padStart(3)}  statuses ${tally.statuses.sort((a, b) => a - b).join(", ")}`,
  );
}

const issues = await comparePacts(specFile, pactFiles);
for (const issue of issues) {
  console.log(
    `  ${issue.type} ${issue.code}: ${issue.message} (${issue.mockDetails?.interactionDescription ?? "pact"})`,
  );
}
const errors = issues.filter((issue) => issue.type === "error");
if (errors.length > 0) {
  console.error(`${entry.vendor}: ${errors.length} pact interaction(s) do not conform to ${entry.spec}`);
  process.exit(1);
}
console.log(`${entry.vendor}: every interaction conforms to ${entry.spec}`);

const states = (await import(
  pathToFileURL(path.join(packageDir, "test/contract/provider-states.ts")).href
)) as ProviderStatesModule;
await verifyPacts(pactFiles, states);
console.log(`${entry.vendor}: provider verification against the simulator passed`);
