// The printed size report of `pnpm size`: each entry's figures against its budget, then what costs the
// bytes, by input of the real bundle (which package, which dist file) and by source file.
import type { BundleSize } from "./measure.ts";
import { inputLabel } from "./source-breakdown.ts";

export interface Budget {
  readonly minified: number;
  readonly gzip: number;
}

export interface Measured {
  readonly name: string;
  readonly size: BundleSize;
  readonly budget: Budget | undefined;
  /** Minified bytes by source file, from ./source-breakdown.ts. */
  readonly sources: ReadonlyMap<string, number>;
}

/** How many source files each entry lists; the rest are summed in one line. */
const TOP_SOURCES = 12;

export const kB = (bytes: number): string => `${(bytes / 1000).toFixed(2)} kB`;

/** Whether the entry has a budget and keeps to it. */
export const withinBudget = ({ size, budget }: Measured): boolean =>
  budget !== undefined && size.minified <= budget.minified && size.gzipped <= budget.gzip;

/** A budget ~1 % over the figures (rounded up to 100 B minified, 50 B gzipped): tight, not twitchy. */
export function suggestedBudget(size: BundleSize): Budget {
  return {
    minified: Math.ceil((size.minified * 1.01) / 100) * 100,
    gzip: Math.ceil((size.gzipped * 1.01) / 50) * 50,
  };
}

const table = (rows: string[][]): string[] => {
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => row[column]?.length ?? 0))) ?? [];
  return rows.map((row) =>
    row
      .map((cell, column) =>
        column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0),
      )
      .join("  "),
  );
};

const sortedLines = (bytes: Iterable<[string, number]>, limit: number): string[] => {
  const sorted = [...bytes].filter(([, size]) => size > 0).sort((a, b) => b[1] - a[1]);
  const lines = sorted.slice(0, limit).map(([label, size]) => `  ${String(size).padStart(6)}  ${label}`);
  const rest = sorted.slice(limit);
  if (rest.length > 0) {
    const total = rest.reduce((sum, [, size]) => sum + size, 0);
    lines.push(`  ${String(total).padStart(6)}  (${rest.length} more files)`);
  }
  return lines;
};

/** A measure printed for scale, without a budget: what every client is built on. */
export interface Foundation {
  readonly name: string;
  readonly size: BundleSize;
}

export function formatReport(measured: readonly Measured[], foundation: readonly Foundation[] = []): string {
  const rows = [["entry", "minified", "budget", "gzip", "budget", ""]];
  for (const entry of measured) {
    const { size, budget } = entry;
    const verdict = budget === undefined ? "NO BUDGET" : withinBudget(entry) ? "ok" : "OVER BUDGET";
    rows.push([
      entry.name,
      kB(size.minified),
      budget ? kB(budget.minified) : "-",
      kB(size.gzipped),
      budget ? kB(budget.gzip) : "-",
      verdict,
    ]);
  }
  const lines = [
    'What `import * as all from "<entry>"` adds to a Node 20 ES module bundle (size-limit: esbuild, minified; gzip -9)',
    "",
    ...table(rows),
  ];
  if (foundation.length > 0) {
    const floor = foundation.map(({ name, size }) => [name, kB(size.minified), kB(size.gzipped)]);
    lines.push(
      "",
      "What every client is built on, for scale (no budget): a client is the last line plus its vendor's adapter",
      "",
      ...table([["import", "minified", "gzip"], ...floor]),
    );
  }
  for (const entry of measured) {
    const byInput = new Map<string, number>();
    for (const [file, bytes] of Object.entries(entry.size.inputs)) {
      const label = inputLabel(file);
      byInput.set(label, (byInput.get(label) ?? 0) + bytes);
    }
    lines.push("", `${entry.name}: minified bytes by input of the bundle`, ...sortedLines(byInput, Infinity));
    lines.push(
      `  by source file (the same import bundled from src/):`,
      ...sortedLines(entry.sources, TOP_SOURCES),
    );
  }
  return lines.join("\n");
}
