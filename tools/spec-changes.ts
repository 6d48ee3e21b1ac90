// Regeneration with semver enforced: compares each spec of tools/specs.ts with the one its client package
// was last released with, prints the classified changes, and fails when the pending changesets do not
// bump the client package as much as the change needs (the rules: tools/spec-changes/check.ts).
//
//   node tools/spec-changes.ts    exit 1 when a spec changed without a large enough changeset
import { checkSpecChanges, formatCheck } from "./spec-changes/check.ts";
import { repoRoot, specs } from "./specs.ts";

const checks = await checkSpecChanges(repoRoot, specs);
for (const check of checks) console.log(formatCheck(check));
const failed = checks.filter((check) => !check.ok);
if (failed.length > 0) {
  console.error(
    `spec-changes: ${failed.length} spec(s) changed without a changeset that bumps the client enough: ` +
      "add one with `pnpm changeset` (see the bump each needs above).",
  );
  process.exit(1);
}
