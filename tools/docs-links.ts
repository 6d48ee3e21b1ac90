// The links inside the generated docs (tools/docs.ts): every relative link of every HTML page and
// markdown file must reach a file that was written. Links to other sites are not followed (the docs are
// checked offline); a link to a part of a page (`#…`) is checked for the page only.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

export interface LinkReport {
  /** How many relative links were checked. */
  checked: number;
  /** Each broken one: the file it is in, relative to the docs folder, and its target. */
  broken: { file: string; target: string }[];
}

const HTML_LINK = /\b(?:href|src)="([^"]*)"/g;
// [text](target) and ![alt](target), with an optional "title" after the target.
const MARKDOWN_LINK = /!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g;

/** The relative targets of one file's links; absolute URLs and same-page anchors are left out. */
export function relativeTargets(file: string, text: string): string[] {
  const pattern = file.endsWith(".html") ? HTML_LINK : file.endsWith(".md") ? MARKDOWN_LINK : undefined;
  if (!pattern) return [];
  return [...text.matchAll(pattern)]
    .map((match) => match[1] ?? "")
    .filter((target) => target !== "" && !target.startsWith("#") && !/^[a-z][a-z0-9+.-]*:/i.test(target));
}

/** Checks every link of every `.html` and `.md` file under `dir`. */
export function checkLinks(dir: string): LinkReport {
  const report: LinkReport = { checked: 0, broken: [] };
  const files = readdirSync(dir, { recursive: true })
    .map(String)
    .filter((file) => /\.(html|md)$/.test(file));
  for (const file of files) {
    const from = path.join(dir, file);
    for (const target of relativeTargets(file, readFileSync(from, "utf8"))) {
      report.checked += 1;
      const [pathPart = ""] = target.split(/[#?]/, 1);
      const resolved = path.resolve(path.dirname(from), decodeURIComponent(pathPart));
      const found =
        existsSync(resolved) &&
        (statSync(resolved).isFile() || existsSync(path.join(resolved, "index.html")));
      if (!found) report.broken.push({ file, target });
    }
  }
  return report;
}
