// The one document a command prints: JSON or YAML as they are (nothing else on stdout), or a table.
import Table from "cli-table3";
import { stringify } from "yaml";
import type { Context } from "./context.ts";

/** What a command hands back to be printed. `data` is plain JSON; `text` is its human form. */
export interface Document {
  data: unknown;
  text: () => string;
}

export function print(context: Context, document: Document): void {
  // Through JSON first: a Secret or a Date becomes what JSON makes of it ([REDACTED], ISO text).
  const data: unknown = JSON.parse(JSON.stringify(document.data) ?? "null");
  const text =
    context.output === "json"
      ? `${JSON.stringify(data, null, 2)}\n`
      : context.output === "yaml"
        ? stringify(data)
        : `${document.text()}\n`;
  context.stdout.write(text);
}

/** A plain table (no colours, no box drawing), one row per item. */
export function table(head: readonly string[], rows: readonly (readonly unknown[])[]): string {
  const chars = { top: "", "top-mid": "", "top-left": "", "top-right": "", bottom: "", "bottom-mid": "" };
  const t = new Table({
    head: [...head],
    style: { head: [], border: [], compact: true, "padding-left": 0, "padding-right": 2 },
    chars: {
      ...chars,
      "bottom-left": "",
      "bottom-right": "",
      left: "",
      "left-mid": "",
      mid: "",
      "mid-mid": "",
      right: "",
      "right-mid": "",
      middle: "",
    },
  });
  for (const row of rows) t.push(row.map(cell));
  return t.toString().replace(/ +$/gm, "");
}

function cell(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (Array.isArray(value)) return value.join(", ");
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}
