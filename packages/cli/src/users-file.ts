// users.yaml: parsed with yaml's CST-backed Document so that every problem, from the YAML syntax, from
// the JSON Schema (ajv) or from the sdk's own check, is reported at the file's line and column.
import type { DesiredUser } from "@dbusers/sdk/declare";
import { Ajv, type ErrorObject } from "ajv";
import { isMap, isPair, isScalar, isSeq, LineCounter, type Node, parseDocument } from "yaml";
import schema from "../users.schema.json" with { type: "json" };
import { UsageError } from "./usage-error.ts";

/** users.yaml as it is after validation. */
export interface UsersFile {
  provider: "digitalocean" | "scalingo" | "cloud66" | "hostup";
  users: DesiredUser[];
}

/** A users.yaml file, validated, with a way back from a value's path to its place in the file. */
export interface LoadedUsersFile {
  readonly file: string;
  readonly content: UsersFile;
  /** `users.yaml:4:7` for a path such as `["users", 0, "readOnly"]` (the nearest node that exists). */
  where(path: readonly (string | number)[]): string;
}

/** The published schema's address (its `$id`), which `import` writes as the file's `$schema`. */
export const USERS_SCHEMA_URL: string = schema.$id;

const validate = new Ajv({ allErrors: true, strict: false }).compile<UsersFile>(schema);

/**
 * Parses and validates `text` (the content of `file`). Throws a `UsageError` listing every problem at
 * its line and column; nothing in the file is acted on unless all of it is valid.
 */
export function parseUsersFile(text: string, file: string): LoadedUsersFile {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return `${file}:${line}:${col}`;
  };
  if (doc.errors.length > 0) {
    throw new UsageError(
      `${file} is not valid YAML`,
      doc.errors.map((error) => `${at(error.pos[0])}: ${firstLine(error.message)}`),
    );
  }
  const where = (path: readonly (string | number)[]) => at(nodeAt(doc.contents, path)?.range?.[0] ?? 0);
  const content: unknown = doc.toJS();
  if (!validate(content)) {
    const problems = (validate.errors ?? []).filter(isReported).map((error) => {
      const path = pathOf(error);
      return `${where(path)}: ${describe(path)} ${messageOf(error)}`;
    });
    throw new UsageError(`${file} does not match the users.yaml schema`, byPosition([...new Set(problems)]));
  }
  return { file, content, where };
}

/** A path such as `users.1.name` (the sdk's ValidationIssue paths) as segments. */
export function pathSegments(path: string): (string | number)[] {
  return path.split(".").map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
}

/** `users[0].readOnly`, as a person reads a path. */
export function describe(path: readonly (string | number)[]): string {
  if (path.length === 0) return "the file";
  return path.map((s, i) => (typeof s === "number" ? `[${s}]` : i === 0 ? s : `.${s}`)).join("");
}

// The `if` of a conditional schema says only "must match then": its `then` branch's own error says why.
function isReported(error: ErrorObject): boolean {
  return error.keyword !== "if";
}

/** Where an error points: the offending key for an unknown property, else the value itself. */
function pathOf(error: ErrorObject): (string | number)[] {
  const path =
    error.instancePath === "" ? [] : pathSegments(error.instancePath.slice(1).replaceAll("/", "."));
  if (error.keyword === "additionalProperties") {
    return [...path, (error.params as { additionalProperty: string }).additionalProperty];
  }
  // `false` schemas (a section of another vendor) report at the section itself.
  return path;
}

function messageOf(error: ErrorObject): string {
  switch (error.keyword) {
    case "additionalProperties":
      return "is not a field of users.yaml";
    case "enum":
      return `must be one of ${(error.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(", ")}`;
    case "false schema":
      return "is for another provider than this file's";
    default:
      return error.message ?? "is not valid";
  }
}

/** The node at `path`, or the nearest one above it that exists; for a map entry, its key (same line). */
function nodeAt(root: unknown, path: readonly (string | number)[]): Node | undefined {
  let node = root as Node | undefined;
  for (const [i, segment] of path.entries()) {
    if (isMap(node)) {
      const pair = node.items.find(
        (item) => isPair(item) && isScalar(item.key) && item.key.value === segment,
      );
      if (!pair) return node;
      if (i === path.length - 1 || pair.value === null) return pair.key as Node;
      node = pair.value as Node;
    } else if (isSeq(node) && typeof segment === "number") {
      const item = node.items[segment] as Node | undefined;
      if (!item) return node;
      node = item;
    } else {
      return node;
    }
  }
  return node;
}

/** Problems (`file:line:col: …`) in the order of the file. */
export function byPosition(problems: readonly string[]): string[] {
  const position = (problem: string) => {
    const [, line = "0", col = "0"] = /:(\d+):(\d+): /.exec(problem) ?? [];
    return Number(line) * 100_000 + Number(col);
  };
  return [...problems].sort((a, b) => position(a) - position(b));
}

function firstLine(text: string): string {
  return text.split("\n")[0] ?? text;
}
