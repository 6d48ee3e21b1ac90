// Check 1 of `pnpm contract`: every interaction the client tests recorded must conform to the
// hand-written spec (paths, parameters, bodies, headers, statuses), so a client cannot pass its
// contract tests against behaviour the spec does not describe.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { repoRoot } from "../specs.ts";

export interface ComparisonIssue {
  type: "error" | "warning";
  code: string;
  message: string;
  mockDetails?: { interactionDescription?: string | null };
}

// The comparator's CLI (`opc`) is its documented interface: one JSON array of issues per pact file,
// exit code = number of pact files with errors.
const OPC = path.join(repoRoot, "tools/node_modules/.bin/opc");

export async function comparePacts(specFile: string, pactFiles: string[]): Promise<ComparisonIssue[]> {
  const { stdout } = await promisify(execFile)(OPC, ["--oas", specFile, ...pactFiles]).catch(
    // A non-zero exit still carries the report on stdout.
    (error: { stdout?: string; stderr?: string }) => {
      if (!error.stdout) throw new Error(`openapi-pact-comparator failed: ${error.stderr ?? String(error)}`);
      return { stdout: error.stdout };
    },
  );
  return stdout
    .split("\n")
    .filter((line) => line.trim() !== "")
    .flatMap((line) => JSON.parse(line) as ComparisonIssue[]);
}
