// Generates each vendor's TypeScript types from its spec with openapi-typescript, twice: for its client,
// <package>/src/generated/schema.ts, and for its simulator module,
// packages/simulator/src/vendors/<vendor>/generated/schema.ts (git-ignored, never edited by hand).
//
//   node ../../tools/generate.ts      from a client package (its `generate` script): that client's types;
//                                     from packages/simulator: every vendor's simulator types
//   node tools/generate.ts --all      every vendor listed in tools/specs.ts, both outputs
//   node tools/generate.ts <vendor>   the named vendor(s), both outputs
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import openapiTS, { astToString } from "openapi-typescript";
import { findByPackageDir, fromRoot, simulatorPackage, specs, type VendorSpec } from "./specs.ts";

/** Where the generated types of a vendor's client package go. */
export function outputFile(entry: VendorSpec): string {
  return fromRoot(path.join(entry.package, "src", "generated", "schema.ts"));
}

/** Where the generated types of a vendor's simulator module go. */
export function simulatorOutputFile(entry: VendorSpec): string {
  return fromRoot(path.join(simulatorPackage, "src", "vendors", entry.vendor, "generated", "schema.ts"));
}

/** One file to write: a vendor's types, for its client or for its simulator module. */
export interface GeneratedOutput {
  entry: VendorSpec;
  file: string;
}

const bothOutputs = (entry: VendorSpec): GeneratedOutput[] => [
  { entry, file: outputFile(entry) },
  { entry, file: simulatorOutputFile(entry) },
];

const generatorVersion: string = (
  JSON.parse(
    readFileSync(createRequire(import.meta.url).resolve("openapi-typescript/package.json"), "utf8"),
  ) as { version: string }
).version;

/** Returns the content of schema.ts for one spec (header + openapi-typescript output). */
export async function generateTypes(
  entry: VendorSpec,
  specFile: string = fromRoot(entry.spec),
): Promise<string> {
  const source = readFileSync(specFile);
  const ast = await openapiTS(pathToFileURL(specFile), {
    // readOnly properties become $Read<T>: openapi-fetch leaves them out of request bodies.
    readWriteMarkers: true,
    // A `default` describes what the server assumes when a field is omitted; it does not make the
    // field present in responses.
    defaultNonNullable: false,
    silent: true,
  });
  const sha256 = createHash("sha256").update(source).digest("hex");
  const header = [
    "/**",
    ` * GENERATED FILE: DO NOT EDIT. Generated from ${entry.spec} (sha256 ${sha256.slice(0, 16)})`,
    ` * by tools/generate.ts with openapi-typescript ${generatorVersion}.`,
    " * Change the spec and run `pnpm generate`; this file is git-ignored and rebuilt from the spec.",
    " */",
    "",
  ].join("\n");
  return header + astToString(ast);
}

/** Writes one schema.ts; returns whether the file changed. */
export async function writeGenerated({ entry, file }: GeneratedOutput): Promise<boolean> {
  const content = await generateTypes(entry);
  if (existsSync(file) && readFileSync(file, "utf8") === content) return false;
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
  return true;
}

function selectOutputs(args: string[]): GeneratedOutput[] {
  if (args.includes("--all")) return specs.flatMap(bothOutputs);
  const named = args.filter((arg) => !arg.startsWith("-"));
  if (named.length > 0) {
    return named.flatMap((name) => {
      const entry = specs.find((candidate) => candidate.vendor === name);
      if (!entry)
        throw new Error(
          `Unknown vendor "${name}"; tools/specs.ts lists: ${specs.map((s) => s.vendor).join(", ")}`,
        );
      return bothOutputs(entry);
    });
  }
  // Each package's `generate` writes only into that package, so that turbo caches its outputs.
  if (path.resolve(process.cwd()) === fromRoot(simulatorPackage)) {
    return specs.map((entry) => ({ entry, file: simulatorOutputFile(entry) }));
  }
  const entry = findByPackageDir(process.cwd());
  if (!entry) {
    throw new Error(
      `${process.cwd()} is neither ${simulatorPackage} nor a client package listed in tools/specs.ts ` +
        `(${specs.map((s) => s.package).join(", ")}). Run it from one, or pass --all or a vendor name.`,
    );
  }
  return [{ entry, file: outputFile(entry) }];
}

if (import.meta.main) {
  try {
    for (const output of selectOutputs(process.argv.slice(2))) {
      const changed = await writeGenerated(output);
      const target = path.relative(process.cwd(), output.file) || output.file;
      console.log(`${output.entry.spec} → ${target}${changed ? "" : " (unchanged)"}`);
    }
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
