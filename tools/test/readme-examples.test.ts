// Every TypeScript/JavaScript block of every README compiles against the built packages, and those
// marked `run` run against the simulator (tools/readme-examples.ts). First, how blocks are found.
import { describe, expect, it } from "vitest";
import { allExamples, checkReadmeExamples, extractExamples, readmes } from "../readme-examples.ts";

describe("extractExamples", () => {
  const readme = [
    "# pkg",
    "```ts",
    "const a = 1;",
    "```",
    "<!-- examples: declare const users: { list(): Promise<unknown[]> }; -->",
    "```ts run",
    "await users.list();",
    "```",
    "<!-- example: declare const name: string; -->",
    "```js",
    "console.log(name);",
    "```",
    "```sh",
    "pnpm demo",
    "```",
    "<!-- examples: -->",
    "```typescript",
    "export {};",
    "```",
  ].join("\n");
  const examples = extractExamples("packages/pkg/README.md", readme);

  it("finds the TypeScript and JavaScript blocks, not the shell ones, with their line", () => {
    expect(examples.map(({ line, language }) => [line, language])).toEqual([
      [2, "ts"],
      [6, "ts"],
      [10, "js"],
      [17, "ts"],
    ]);
  });

  it("marks a block runnable when its fence says run", () => {
    expect(examples.map((example) => example.runnable)).toEqual([false, true, false, false]);
  });

  it("gives a block the README's context from the comment before it, and its own", () => {
    expect(examples.map((example) => example.context)).toEqual([
      "",
      "declare const users: { list(): Promise<unknown[]> };",
      "declare const users: { list(): Promise<unknown[]> };\ndeclare const name: string;",
      "",
    ]);
  });
});

describe("the READMEs' blocks", () => {
  it("are found in every README, some of them runnable", () => {
    const examples = allExamples();
    expect(new Set(examples.map((example) => example.readme))).toEqual(new Set(readmes()));
    expect(examples.filter((example) => example.runnable).length).toBeGreaterThanOrEqual(4);
  });

  it("type-check, and the runnable ones run against the simulator", async () => {
    const report = await checkReadmeExamples();
    console.log(`README examples: ${report.checked} blocks type-checked, ${report.ran} run`);
    expect(report.failures).toEqual([]);
    expect(report.checked).toBe(allExamples().length);
  }, 240_000);
});
