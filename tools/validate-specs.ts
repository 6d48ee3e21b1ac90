// Validates OpenAPI specs with openapi-generator's validator (the Java JAR, run through the npm wrapper
// @openapitools/openapi-generator-cli, which finds the JAR pinned in openapitools.json), then with
// Redocly's linter, which catches what the JAR lets through (tools/lint-spec.ts).
//
//   node tools/validate-specs.ts                  every spec in tools/specs.ts
//   node tools/validate-specs.ts a.yaml b.yaml    the given files
// Exits 1 naming every invalid spec.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { parseDocument } from "yaml";
import { lintSpec } from "./lint-spec.ts";
import { ensureGeneratorJar } from "./openapi-generator.ts";
import { fromRoot, repoRoot, specs } from "./specs.ts";

export interface SpecResult {
  readonly spec: string;
  readonly valid: boolean;
  readonly problems: readonly string[];
  /** What the generator printed. */
  readonly output: string;
}

const wrapperBin: string = (() => {
  const require = createRequire(import.meta.url);
  const manifestPath = require.resolve("@openapitools/openapi-generator-cli/package.json");
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as { bin: Record<string, string> };
  const bin = manifest.bin["openapi-generator-cli"];
  if (!bin) throw new Error(`${manifestPath} declares no openapi-generator-cli binary`);
  return path.resolve(path.dirname(manifestPath), bin);
})();

/** Runs the npm wrapper from the repository root, where its openapitools.json lives. */
export function runGeneratorCli(args: string[]): { status: number; output: string } {
  const result = spawnSync(process.execPath, [wrapperBin, ...args], {
    cwd: repoRoot,
    // The wrapper resolves openapitools.json and its storageDir against $PWD before process.cwd().
    env: { ...process.env, PWD: repoRoot },
    encoding: "utf8",
  });
  if (result.error) throw result.error;
  return { status: result.status ?? 1, output: `${result.stdout}${result.stderr}`.trim() };
}

/** The generator version the wrapper actually runs. */
export function generatorVersion(): string {
  const { status, output } = runGeneratorCli(["version"]);
  if (status !== 0) throw new Error(`openapi-generator-cli version failed:\n${output}`);
  return output.split("\n").at(-1)?.trim() ?? output;
}

/** Validates one spec file (absolute or relative to the current directory). */
export async function validateSpec(specFile: string): Promise<SpecResult> {
  const absolute = path.resolve(specFile);
  const spec = path.relative(repoRoot, absolute).startsWith("..")
    ? absolute
    : path.relative(repoRoot, absolute);
  const text = readFileSync(absolute, "utf8");
  const parsed = parseDocument(text, { uniqueKeys: true, prettyErrors: true });
  if (parsed.errors.length > 0) {
    // The Java parser would fail too, with a long stack trace; the YAML library says it better.
    return { spec, valid: false, problems: parsed.errors.map((error) => error.message), output: "" };
  }
  const { status, output } = runGeneratorCli(["validate", "-i", absolute]);
  const findings = await lintSpec(absolute);
  const warnings = findings.filter((finding) => finding.severity === "warn").map((w) => `warning ${w.text}`);
  const problems = findings.filter((finding) => finding.severity === "error").map((e) => e.text);
  if (status !== 0) problems.unshift(`openapi-generator validate exited ${status}`);
  return { spec, valid: problems.length === 0, problems, output: [output, ...warnings].join("\n") };
}

if (import.meta.main) {
  try {
    const args = process.argv.slice(2);
    const files = args.length > 0 ? args : specs.map((entry) => fromRoot(entry.spec));
    const jar = ensureGeneratorJar();
    console.log(`openapi-generator-cli ${generatorVersion()} (JAR ${path.relative(repoRoot, jar.jarPath)})`);
    const invalid: string[] = [];
    for (const file of files) {
      const result = await validateSpec(file);
      if (result.output) console.log(result.output);
      for (const problem of result.problems) console.error(`  ${result.spec}: ${problem}`);
      console.log(`${result.valid ? "valid  " : "INVALID"} ${result.spec}`);
      if (!result.valid) invalid.push(result.spec);
    }
    if (invalid.length > 0) {
      console.error(`Invalid spec${invalid.length > 1 ? "s" : ""}: ${invalid.join(", ")}`);
      process.exit(1);
    }
    console.log(`${files.length} spec${files.length > 1 ? "s" : ""} valid.`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
