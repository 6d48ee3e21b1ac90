// Every TypeScript and JavaScript block of every README (the root's and each package's), checked the way
// a reader would use it:
//
//   - each block is type-checked, as a module of its own, against the built packages (what a consumer
//     installs), with the strict settings of the repository;
//   - a block whose fence says `run` (```ts run) is also run, with Node (which runs TypeScript), against
//     the simulator it starts itself (`startSimulator` of @dbusers/simulator); it fails the check if it
//     throws (a block asserts with node:assert what it shows).
//
// A block that refers to what an earlier part of its README set up (a `users`, a `sim`) says so in an
// HTML comment, which no renderer shows: `<!-- examples: … -->` for every block after it in the README
// (until the next such comment), `<!-- example: … -->` right above one block for it alone:
//
//   <!-- examples: import type { DigitalOceanUsers } from "@dbusers/client-digitalocean"; declare const users: DigitalOceanUsers; -->
//
// That text is put before the block when it is checked, and only then.
//
//   node tools/readme-examples.ts     prints each README's counts; exits 1 naming every failing block
import { execFile } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import ts from "typescript";
import { publicPackages } from "./public-packages.ts";
import { fromRoot, repoRoot } from "./specs.ts";

/** One fenced block of a README. */
export interface ReadmeExample {
  /** The README, relative to the repository root. */
  readme: string;
  /** The line of its opening fence (1-based). */
  line: number;
  language: "ts" | "js";
  /** Whether its fence says `run`. */
  runnable: boolean;
  /** What the `<!-- example: … -->` comment above it gives it, if any. */
  context: string;
  code: string;
}

const FENCE = /^```(ts|typescript|js|javascript)((?:[ \t]+\S+)*)[ \t]*$/;
const CONTEXT = /^<!--\s*example:\s*([\s\S]*?)\s*-->$/;
const README_CONTEXT = /^<!--\s*examples:\s*([\s\S]*?)\s*-->$/;

/** The TypeScript and JavaScript blocks of one README's text. */
export function extractExamples(readme: string, text: string): ReadmeExample[] {
  const lines = text.split("\n");
  const examples: ReadmeExample[] = [];
  let shared = "";
  for (let at = 0; at < lines.length; at++) {
    const readmeContext = README_CONTEXT.exec((lines[at] ?? "").trim());
    if (readmeContext) shared = readmeContext[1] ?? "";
    const fence = FENCE.exec(lines[at] ?? "");
    if (!fence) continue;
    const start = at;
    const body: string[] = [];
    for (at += 1; at < lines.length && !/^```\s*$/.test(lines[at] ?? ""); at++) body.push(lines[at] ?? "");
    const above =
      lines
        .slice(0, start)
        .reverse()
        .find((line) => line.trim() !== "") ?? "";
    examples.push({
      readme,
      line: start + 1,
      language: fence[1]?.startsWith("t") ? "ts" : "js",
      runnable: (fence[2] ?? "").split(/\s+/).includes("run"),
      context: [shared, CONTEXT.exec(above.trim())?.[1] ?? ""].filter(Boolean).join("\n"),
      code: body.join("\n"),
    });
  }
  return examples;
}

/** The READMEs checked: the root's and every public package's. */
export function readmes(): string[] {
  return ["README.md", ...publicPackages().map((pkg) => `${pkg.dir}/README.md`)];
}

export function allExamples(): ReadmeExample[] {
  return readmes().flatMap((readme) => extractExamples(readme, readFileSync(fromRoot(readme), "utf8")));
}

/** Where the blocks are written: inside tools/, whose node_modules holds every package. */
const WORK_DIR = fromRoot("tools/.readme-examples");

const fileName = (example: ReadmeExample) =>
  `${example.readme.replace(/\/?README\.md$/, "").replaceAll("/", "-") || "root"}-${example.line}.${example.language === "ts" ? "mts" : "mjs"}`;

/** The module a block is checked as: its context, then the block; `export {}` keeps it a module. */
function moduleText(example: ReadmeExample): string {
  return `${example.context}\n${example.code}\nexport {};\n`;
}

/** The type errors of every block, by block (none: an empty list). */
export function typeErrors(examples: readonly ReadmeExample[]): Map<ReadmeExample, string[]> {
  rmSync(WORK_DIR, { recursive: true, force: true });
  mkdirSync(WORK_DIR, { recursive: true });
  const files = new Map<string, ReadmeExample>();
  for (const example of examples) {
    const file = path.join(WORK_DIR, fileName(example));
    writeFileSync(file, moduleText(example));
    files.set(file, example);
  }
  const program = ts.createProgram([...files.keys()], {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    lib: ["lib.es2023.d.ts", "lib.dom.d.ts"],
    types: ["node"],
    typeRoots: [fromRoot("tools/node_modules/@types")],
    strict: true,
    noUncheckedIndexedAccess: true,
    allowJs: true,
    checkJs: true,
    skipLibCheck: true,
    noEmit: true,
  });
  const errors = new Map<ReadmeExample, string[]>(examples.map((example) => [example, []]));
  for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
    const example = diagnostic.file ? files.get(path.resolve(diagnostic.file.fileName)) : undefined;
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n");
    if (!example || !diagnostic.file || diagnostic.start === undefined) {
      throw new Error(`a type error outside the README blocks: ${message}`);
    }
    // Lines of the block, as the README numbers them (the context's lines come first).
    const { line } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
    const contextLines = example.context.split("\n").length;
    errors.get(example)?.push(`line ${example.line + 1 + line - contextLines}: ${message}`);
  }
  return errors;
}

/**
 * Runs the runnable blocks, one Node process each (a block starts the simulator it needs and closes it);
 * the failures by block.
 */
export async function runErrors(examples: readonly ReadmeExample[]): Promise<Map<ReadmeExample, string>> {
  const failures = new Map<ReadmeExample, string>();
  mkdirSync(WORK_DIR, { recursive: true });
  for (const example of examples.filter((candidate) => candidate.runnable)) {
    const file = path.join(WORK_DIR, fileName(example));
    writeFileSync(file, moduleText(example));
    await promisify(execFile)(process.execPath, [file], { cwd: WORK_DIR, timeout: 60_000 }).catch(
      (error: { stderr?: string; message: string }) => {
        failures.set(example, (error.stderr || error.message).trim().split("\n").slice(0, 12).join("\n"));
      },
    );
  }
  return failures;
}

export interface CheckReport {
  checked: number;
  ran: number;
  failures: string[];
}

/** Type-checks every block and runs the runnable ones. */
export async function checkReadmeExamples(examples = allExamples()): Promise<CheckReport> {
  const failures: string[] = [];
  const where = (example: ReadmeExample) => `${example.readme}:${example.line}`;
  for (const [example, errors] of typeErrors(examples)) {
    for (const error of errors) failures.push(`${where(example)} does not type-check: ${error}`);
  }
  const typed = failures.length;
  const runs = typed === 0 ? await runErrors(examples) : new Map();
  for (const [example, output] of runs) failures.push(`${where(example)} failed when run:\n${output}`);
  rmSync(WORK_DIR, { recursive: true, force: true });
  return { checked: examples.length, ran: examples.filter((example) => example.runnable).length, failures };
}

if (import.meta.main) {
  const examples = allExamples();
  const report = await checkReadmeExamples(examples);
  for (const failure of report.failures) console.error(failure);
  console.log(
    `README examples: ${report.checked} blocks type-checked, ${report.ran} run against the simulator, from ${readmes().length} READMEs (${path.relative(repoRoot, WORK_DIR)}); ${report.failures.length} failing`,
  );
  if (report.failures.length > 0) process.exit(1);
}
