import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// An import circle makes module initialisation order matter (a class can be `undefined` where it is
// used at load time) and hides layering mistakes; core keeps none.

const SRC = fileURLToPath(new URL("../../src/", import.meta.url));
const IMPORT = /^(?:import|export)\s[^;]*?from\s+"(\.[^"]+)";/gms;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(full) : entry.name.endsWith(".ts") ? [full] : [];
  });
}

function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(SRC)) {
    const imports = [...readFileSync(file, "utf8").matchAll(IMPORT)]
      .map((match) => path.resolve(path.dirname(file), match[1] as string))
      .filter((target) => target.endsWith(".ts"));
    graph.set(file, imports);
  }
  return graph;
}

function findCycle(graph: Map<string, string[]>): string[] | undefined {
  const state = new Map<string, "visiting" | "done">();
  const stack: string[] = [];
  const visit = (file: string): string[] | undefined => {
    if (state.get(file) === "done") return undefined;
    if (state.get(file) === "visiting") return [...stack.slice(stack.indexOf(file)), file];
    state.set(file, "visiting");
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(file, "done");
    return undefined;
  };
  for (const file of graph.keys()) {
    const cycle = visit(file);
    if (cycle) return cycle.map((f) => path.relative(SRC, f));
  }
  return undefined;
}

describe("core's module graph", () => {
  it("has no import circles", () => {
    expect(findCycle(importGraph())).toBeUndefined();
  });

  it("would report one (the check itself works)", () => {
    const graph = new Map([
      ["/a.ts", ["/b.ts"]],
      ["/b.ts", ["/c.ts"]],
      ["/c.ts", ["/a.ts"]],
    ]);
    expect(findCycle(graph)).toHaveLength(4);
  });
});
