/** A plain-text table with padded columns, as the conformance and fault-matrix reports print it. */
export function textTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const widths = header.map((_, i) => Math.max(...[header, ...rows].map((row) => (row[i] ?? "").length)));
  const line = (row: readonly string[]) => row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(" │ ");
  return [line(header), widths.map((width) => "─".repeat(width)).join("─┼─"), ...rows.map(line)].join("\n");
}
