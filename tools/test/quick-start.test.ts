// The README promises exactly two quick-start lines and CI promises to run the second one verbatim;
// this keeps the three in step when either file changes.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { fromRoot } from "../specs.ts";

function quickStartLines(): string[] {
  const readme = readFileSync(fromRoot("README.md"), "utf8");
  const section = readme.split("## Quick start")[1] ?? "";
  const block = section.match(/```sh\n([\s\S]*?)```/)?.[1] ?? "";
  return block.split("\n").filter((line) => line.trim() !== "");
}

describe("README quick start", () => {
  it("has exactly two command lines: install + demo, then the test suite", () => {
    const lines = quickStartLines();
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/ install .*&& .* demo$/);
    expect(lines[1]).toMatch(/ test$/);
  });

  it("is what .ci/run runs, to the letter", () => {
    const ci = readFileSync(fromRoot(".ci/run"), "utf8").trimEnd().split("\n");
    expect(ci.at(-1)).toBe(quickStartLines()[1]);
  });
});
