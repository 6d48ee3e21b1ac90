// Classifies what changed between two versions of an OpenAPI document, for the version bump it needs:
// breaking (callers' code or requests stop working), additive (new things callers may use) or fix
// (wording, examples, metadata). The diff and its first classification are api-smart-diff's (its
// OpenAPI rules, with every $ref resolved); two rules of ours are applied on top, see `classOf`.
import { apiCompare, type Diff } from "api-smart-diff";

export type ChangeClass = "breaking" | "additive" | "fix";

export interface SpecChange {
  readonly class: ChangeClass;
  /** `POST /v2/…/users: [Removed] property \`name\` in Request Body content (application/json)`. */
  readonly text: string;
}

export interface Classification {
  /** The strongest class of all the changes; undefined when the documents are the same. */
  readonly level: ChangeClass | undefined;
  /** Each change once, strongest first. */
  readonly changes: readonly SpecChange[];
}

const RANK: Record<ChangeClass, number> = { fix: 1, additive: 2, breaking: 3 };

/** The stronger of two classes. */
export function stronger(a: ChangeClass | undefined, b: ChangeClass | undefined): ChangeClass | undefined {
  if (!a) return b;
  if (!b) return a;
  return RANK[a] >= RANK[b] ? a : b;
}

/**
 * Our class for one of api-smart-diff's diffs.
 *
 * - A removed property (a field of a request or response body) is breaking wherever it is. api-smart-diff
 *   calls it non-breaking (an optional response field may be absent anyway), but our clients' types are
 *   generated from the spec: the field disappears from them and code that reads or sends it no longer
 *   compiles; and our request bodies are closed, so a removed request field is refused.
 * - api-smart-diff's other classes map as: breaking → breaking; non-breaking and deprecated → additive;
 *   annotation (descriptions, examples, info) and unclassified (`x-` extensions, which only our own
 *   tools read) → fix.
 */
function classOf(diff: Diff): ChangeClass {
  if (diff.action === "remove" && diff.path.at(-2) === "properties") return "breaking";
  switch (diff.type) {
    case "breaking":
      return "breaking";
    case "non-breaking":
    case "deprecated":
      return "additive";
    default:
      return "fix";
  }
}

/** Where a diff is, in words: `GET /v2/…/users` for a path, else the top-level section. */
function locate(path: Diff["path"]): string {
  if (path[0] === "paths" && path.length > 2) return `${String(path[2]).toUpperCase()} ${path[1]}`;
  if (path[0] === "paths") return `${path[1]}`;
  return path.slice(0, 2).join(".");
}

/** api-smart-diff's description, or, where it has none or only its location, what and where. */
function describe(diff: Diff): string {
  const text = diff.description?.trim() ?? "";
  if (text !== "" && !text.startsWith("in ")) return text;
  return `[${diff.action}] ${diff.path.slice(-2).join(".")} ${text}`.trim();
}

/**
 * The parts of `components` that operations use through `$ref`: api-smart-diff reports a change there
 * once where it is used (in context: request or response, which decides its class) and once more in
 * `components`, where it classifies it without that context. Those second reports are left out.
 * (`securitySchemes` is not resolved into the operations, so its changes count where they are.)
 */
const REFERENCED_COMPONENTS = ["schemas", "responses", "parameters", "requestBodies", "headers", "examples"];
const isReferencedComponent = (path: Diff["path"]) =>
  path[0] === "components" && REFERENCED_COMPONENTS.includes(String(path[1]));

/**
 * The changes between `before` and `after` (parsed OpenAPI documents). A change that shows only in
 * `components` (a schema no operation uses) still changes what the package ships: it is a fix.
 */
export function classifySpecChange(before: unknown, after: unknown): Classification {
  if (JSON.stringify(before) === JSON.stringify(after)) return { level: undefined, changes: [] };
  const diffs = apiCompare(before, after).diffs.filter((diff) => !isReferencedComponent(diff.path));
  const seen = new Map<string, SpecChange>();
  for (const diff of diffs) {
    const change = { class: classOf(diff), text: `${locate(diff.path)}: ${describe(diff)}` };
    seen.set(`${change.class} ${change.text}`, change);
  }
  const changes = [...seen.values()].sort((a, b) => RANK[b.class] - RANK[a.class]);
  if (changes.length === 0) {
    changes.push({ class: "fix", text: "components: a change no operation uses" });
  }
  return {
    level: changes.reduce<ChangeClass | undefined>((level, { class: c }) => stronger(level, c), undefined),
    changes,
  };
}
