// Generates a client package's TypeScript types from its spec with openapi-typescript:
// <package>/src/generated/schema.ts (git-ignored, never edited by hand).
//
//   node ../../tools/generate.ts      from a client package (its `generate` script): that package
//   node tools/generate.ts --all      every package listed in tools/specs.ts
//   node tools/generate.ts <vendor>   the named vendor(s)
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import openapiTS, { astToString } from "openapi-typescript";
import { findByPackageDir, fromRoot, specs, type VendorSpec } from "./specs.ts";

/** Where the generated types of a package go. */
export function outputFile(entry: VendorSpec): string {
  return fromRoot(path.join(entry.package, "src", "generated", "schema.ts"));
}

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

/** Writes one package's schema.ts; returns whether the file changed. */
export async function writeGenerated(entry: VendorSpec): Promise<boolean> {
  const file = outputFile(entry);
  const content = await generateTypes(entry);
  if (existsSync(file) && readFileSync(file, "utf8") === content) return false;
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
  return true;
}

function selectEntries(args: string[]): VendorSpec[] {
  if (args.includes("--all")) return [...specs];
  const named = args.filter((arg) => !arg.startsWith("-"));
  if (named.length > 0) {
    return named.map((name) => {
      const entry = specs.find((candidate) => candidate.vendor === name);
      if (!entry)
        throw new Error(
          `Unknown vendor "${name}"; tools/specs.ts lists: ${specs.map((s) => s.vendor).join(", ")}`,
        );
      return entry;
    });
  }
  const entry = findByPackageDir(process.cwd());
  if (!entry) {
    throw new Error(
      `${process.cwd()} is not a client package listed in tools/specs.ts ` +
        `(${specs.map((s) => s.package).join(", ")}). Run it from one, or pass --all or a vendor name.`,
    );
  }
  return [entry];
}

if (import.meta.main) {
  try {
    for (const entry of selectEntries(process.argv.slice(2))) {
      const changed = await writeGenerated(entry);
      const target = path.relative(process.cwd(), outputFile(entry)) || outputFile(entry);
      console.log(`${entry.spec} → ${target}${changed ? "" : " (unchanged)"}`);
    }
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
