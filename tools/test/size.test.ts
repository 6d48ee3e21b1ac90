// tools/size: the measure (size-limit with esbuild, shared with pnpm bench), what is measured, the source
// breakdown, and the budget verdicts of the report `pnpm size` prints (and pnpm test fails on).
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { foundationEntries, sizeEntries } from "../size/entries.ts";
import { measureImport, measureImports } from "../size/measure.ts";
import { formatReport, type Measured, suggestedBudget, withinBudget } from "../size/report.ts";
import { sourceBreakdown } from "../size/source-breakdown.ts";
import { fromRoot, specs } from "../specs.ts";

describe("measureImport", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), "dbusers-size-"));
    writeFileSync(path.join(dir, "big.mjs"), `export const big = ${JSON.stringify("x".repeat(5_000))};\n`);
    writeFileSync(path.join(dir, "small.mjs"), "export const small = 'small';\n");
    writeFileSync(
      path.join(dir, "entry.mjs"),
      'export { big } from "./big.mjs";\nexport { small } from "./small.mjs";\nexport const unused = () => 1;\n',
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("counts what the import pulls in, minified and gzipped, by input file", async () => {
    const size = await measureImport(path.join(dir, "entry.mjs"));
    expect(size.minified).toBeGreaterThan(5_000);
    expect(size.gzipped).toBeLessThan(size.minified / 10); // 5 000 times the same letter
    expect(Object.keys(size.inputs).sort()).toEqual(
      ["big.mjs", "entry.mjs", "small.mjs"].map((file) => path.join(dir, file)),
    );
    expect(size.inputs[path.join(dir, "big.mjs")]).toBeGreaterThan(5_000);
  });

  it("leaves out what the named imports do not use", async () => {
    const all = await measureImport(path.join(dir, "entry.mjs"));
    const small = await measureImport(path.join(dir, "entry.mjs"), "{ small }");
    expect(small.minified).toBeLessThan(100);
    expect(all.minified - small.minified).toBeGreaterThan(5_000);
  });

  it("bundles several imports together", async () => {
    const [big, small] = ["big.mjs", "small.mjs"].map((file) => path.join(dir, file));
    const both = await measureImports({ [big as string]: "{ big }", [small as string]: "{ small }" });
    expect(Object.keys(both.inputs).sort()).toEqual([big, small]);
    const bigAlone = await measureImport(big as string, "{ big }");
    expect(both.minified).toBeGreaterThan(bigAlone.minified);
  });
});

describe("sizeEntries", () => {
  it("measures every client of tools/specs.ts, the facade per vendor, the facade for all, rotation and redis", () => {
    const names = sizeEntries().map((entry) => entry.name);
    const clients = specs.map((entry) => `@dbusers/client-${entry.vendor}`);
    expect(names).toEqual([
      ...clients,
      ...specs.map((entry) => `@dbusers/sdk/${entry.vendor}`),
      "@dbusers/sdk",
      "@dbusers/rotation",
      "@dbusers/redis",
    ]);
    expect(sizeEntries()[0]).toMatchObject({
      file: fromRoot(`${specs[0]?.package}/dist/index.mjs`),
      source: fromRoot(`${specs[0]?.package}/src/index.ts`),
    });
  });
});

describe("foundationEntries", () => {
  it("adds core's public API, then its transport, to openapi-fetch's ES module build", () => {
    const [runtime, withCore, withTransport] = foundationEntries();
    expect([runtime, withCore, withTransport].map((entry) => entry?.name)).toEqual([
      "openapi-fetch",
      "openapi-fetch + @dbusers/core",
      "openapi-fetch + @dbusers/core + createApiClient",
    ]);
    const [fetchBuild] = Object.keys(runtime?.imports ?? {});
    expect(fetchBuild).toMatch(/openapi-fetch[\\/]dist[\\/]index\.mjs$/);
    expect(existsSync(fetchBuild ?? "?")).toBe(true);
    expect(withCore?.imports).toEqual({
      ...runtime?.imports,
      [fromRoot("packages/core/dist/index.mjs")]: "*",
    });
    expect(withTransport?.imports).toEqual({
      ...withCore?.imports,
      [fromRoot("packages/core/dist/adapter.mjs")]: "{ createApiClient }",
    });
  });
});

describe("sourceBreakdown", () => {
  it("attributes a client's bytes to the source files of the client and of core", async () => {
    const [client] = sizeEntries();
    const bytes = await sourceBreakdown(client?.source ?? "?");
    const files = [...bytes.keys()];
    expect(files).toContain("openapi-fetch");
    expect(files.some((file) => file.startsWith(`${specs[0]?.package}/src/`))).toBe(true);
    expect(files.some((file) => file.startsWith("packages/core/src/"))).toBe(true);
    expect(files.filter((file) => file.endsWith(".json") || file.includes("/dist/"))).toEqual([]);
  });
});

describe("the report", () => {
  const entry = (minified: number, gzipped: number, budget?: Measured["budget"]): Measured => ({
    name: "@dbusers/client-demo",
    size: { minified, gzipped, inputs: { [fromRoot("packages/core/dist/adapter.mjs")]: minified } },
    budget,
    sources: new Map([["packages/core/src/retry.ts", minified]]),
  });

  it("passes an entry within its budget and fails one over it, or without one", () => {
    expect(withinBudget(entry(1_000, 400, { minified: 1_000, gzip: 400 }))).toBe(true);
    expect(withinBudget(entry(1_001, 400, { minified: 1_000, gzip: 400 }))).toBe(false);
    expect(withinBudget(entry(1_000, 401, { minified: 1_000, gzip: 400 }))).toBe(false);
    expect(withinBudget(entry(1_000, 400))).toBe(false);
  });

  it("prints each verdict, and what costs the bytes by input and by source file", () => {
    const report = formatReport([
      entry(2_000, 900, { minified: 1_000, gzip: 400 }),
      { ...entry(500, 200, { minified: 600, gzip: 300 }), name: "@dbusers/sdk" },
      { ...entry(500, 200), name: "@dbusers/sdk/demo" },
    ]);
    expect(report).toMatch(/@dbusers\/client-demo +2\.00 kB +1\.00 kB +0\.90 kB +0\.40 kB +OVER BUDGET/);
    expect(report).toMatch(/@dbusers\/sdk +0\.50 kB +0\.60 kB +0\.20 kB +0\.30 kB +ok/);
    expect(report).toMatch(/@dbusers\/sdk\/demo .* NO BUDGET/);
    expect(report).toContain("  2000  packages/core/dist/adapter.mjs");
    expect(report).toContain("  2000  packages/core/src/retry.ts");
  });

  it("prints what every client is built on, without a budget", () => {
    const foundation = { name: "openapi-fetch", size: { minified: 6_530, gzipped: 2_550, inputs: {} } };
    const report = formatReport([entry(500, 200, { minified: 600, gzip: 300 })], [foundation]);
    expect(report).toMatch(
      /What every client is built on.*\n\nimport +minified +gzip\nopenapi-fetch +6\.53 kB +2\.55 kB\n/,
    );
    expect(formatReport([entry(500, 200)])).not.toContain("built on");
  });

  it("suggests a budget about 1 % over the figures", () => {
    expect(suggestedBudget({ minified: 23_718, gzipped: 8_784, inputs: {} })).toEqual({
      minified: 24_000,
      gzip: 8_900,
    });
  });
});
