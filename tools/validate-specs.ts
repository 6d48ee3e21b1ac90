// Validates OpenAPI specs with openapi-generator's validator (the Java JAR, run through the npm wrapper
// @openapitools/openapi-generator-cli, which finds the JAR pinned in openapitools.json), plus one check
// the JAR does not make: every `{variable}` of a path template is declared as an `in: path` parameter and
// every path parameter appears in its template.
//
//   node tools/validate-specs.ts                  every spec in tools/specs.ts
//   node tools/validate-specs.ts a.yaml b.yaml    the given files
// Exits 1 naming every invalid spec.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { parseDocument } from "yaml";
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

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
const methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

function isObject(value: Json | undefined): value is { [key: string]: Json } {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function resolveLocalRef(document: Json, value: Json): Json {
  if (!isObject(value) || typeof value.$ref !== "string" || !value.$ref.startsWith("#/")) return value;
  let node: Json | undefined = document;
  for (const segment of value.$ref.slice(2).split("/")) {
    const key = segment.replaceAll("~1", "/").replaceAll("~0", "~");
    node = isObject(node) ? node[key] : undefined;
  }
  return node ?? value;
}

function pathParameterNames(document: Json, parameters: Json | undefined): string[] {
  if (!Array.isArray(parameters)) return [];
  return parameters
    .map((parameter) => resolveLocalRef(document, parameter))
    .filter(
      (parameter) => isObject(parameter) && parameter.in === "path" && typeof parameter.name === "string",
    )
    .map((parameter) => (parameter as { name: string }).name);
}

/** Checks that path templates and `in: path` parameters agree (openapi-generator does not check it). */
export function checkPathParameters(document: Json): string[] {
  const problems: string[] = [];
  const paths = isObject(document) ? document.paths : undefined;
  if (!isObject(paths)) return problems;
  for (const [template, rawItem] of Object.entries(paths)) {
    const item = resolveLocalRef(document, rawItem);
    if (!isObject(item)) continue;
    const inTemplate = [...template.matchAll(/\{([^}]+)\}/g)].map((match) => match[1] as string);
    const shared = pathParameterNames(document, item.parameters);
    for (const method of methods) {
      const operation = item[method];
      if (!isObject(operation)) continue;
      const declared = new Set([...shared, ...pathParameterNames(document, operation.parameters)]);
      const where = `${method.toUpperCase()} ${template}`;
      for (const name of inTemplate) {
        if (!declared.has(name))
          problems.push(`${where}: path parameter "${name}" is not declared (in: path)`);
      }
      for (const name of declared) {
        if (!inTemplate.includes(name))
          problems.push(`${where}: parameter "${name}" is not in the path template`);
      }
    }
  }
  return problems;
}

/** Validates one spec file (absolute or relative to the current directory). */
export function validateSpec(specFile: string): SpecResult {
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
  const problems = checkPathParameters(parsed.toJS() as Json);
  if (status !== 0) problems.unshift(`openapi-generator validate exited ${status}`);
  return { spec, valid: problems.length === 0, problems, output };
}

if (import.meta.main) {
  try {
    const args = process.argv.slice(2);
    const files = args.length > 0 ? args : specs.map((entry) => fromRoot(entry.spec));
    const jar = ensureGeneratorJar();
    console.log(`openapi-generator-cli ${generatorVersion()} (JAR ${path.relative(repoRoot, jar.jarPath)})`);
    const invalid: string[] = [];
    for (const file of files) {
      const result = validateSpec(file);
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
