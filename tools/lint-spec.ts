// The second opinion on a spec: Redocly's linter (recommended rules). openapi-generator's validator
// accepts documents that no client could use correctly, e.g. a `{variable}` in a path template with no
// `in: path` parameter; Redocly reports those. Errors fail validation; warnings are printed.
import { createConfig, lint } from "@redocly/openapi-core";

export interface LintFinding {
  severity: "error" | "warn";
  text: string;
}

export async function lintSpec(specFile: string): Promise<LintFinding[]> {
  const config = await createConfig({ extends: ["recommended"] });
  const problems = await lint({ ref: specFile, config });
  return problems.map((problem) => ({
    severity: problem.severity === "error" ? "error" : "warn",
    text: `${problem.ruleId}: ${problem.message} (${problem.location[0]?.pointer ?? "#"})`,
  }));
}
