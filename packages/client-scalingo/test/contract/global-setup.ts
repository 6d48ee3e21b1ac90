import { rmSync } from "node:fs";
import { PACT_DIR } from "./pact.ts";

// A V4 pact file is merged into, not replaced: start every run from nothing so that a removed
// interaction cannot survive in the contract.
export default function clearPacts(): void {
  rmSync(PACT_DIR, { recursive: true, force: true });
}
