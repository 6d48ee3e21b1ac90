// The spec marks every guess about HostUp's API with `x-dbusers-unverified`; the README's "What is
// unverified" table must list each one, so that a guess added to the spec cannot go unmentioned.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { spec } from "./spec.ts";

const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
const unverified = readme.split("## What is unverified")[1]?.split("\n## ")[0] ?? "";

/** How the README names the element at `path`: `operationId` and part, a schema, or the media type. */
function nameOf(path: string[]): string {
  const [root, group, name] = path;
  if (root === "paths") {
    const operationId = spec.paths[group ?? ""]?.[name ?? ""]?.operationId;
    return `\`${operationId}\` ${path[3] === "requestBody" ? "request body" : "responses"}`;
  }
  if (group === "schemas") return `\`${name}\``;
  return "`application/problem+json`";
}

/** The paths of every object that carries `x-dbusers-unverified`. */
function unverifiedPaths(node: unknown, path: string[] = []): string[][] {
  if (typeof node !== "object" || node === null) return [];
  const own = "x-dbusers-unverified" in node ? [path] : [];
  return [...own, ...Object.entries(node).flatMap(([key, child]) => unverifiedPaths(child, [...path, key]))];
}

describe("README: What is unverified", () => {
  const names = [...new Set(unverifiedPaths(spec).map(nameOf))];

  it("finds the spec's guesses: at least the eight points its description lists", () => {
    expect(names.length).toBeGreaterThanOrEqual(8);
  });

  it.each(names)("lists %s", (name) => {
    expect(unverified).toContain(name);
  });
});
