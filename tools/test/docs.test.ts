// A smoke run of `pnpm run docs` (tools/docs.ts, into a temp folder): TypeDoc documents every public
// package, with a page for each value its entries export, and openapi-generator documents every
// operation of every spec.
import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { packageEntries, publicPackages } from "../public-packages.ts";
import { fromRoot, specs } from "../specs.ts";

const METHODS = ["get", "put", "post", "delete", "patch", "head", "options"];

let out: string;
let stdout: string;
beforeAll(async () => {
  out = path.join(mkdtempSync(path.join(tmpdir(), "dbusers-docs-")), "docs");
  ({ stdout } = await promisify(execFile)(process.execPath, [fromRoot("tools/docs.ts"), "--out", out], {
    maxBuffer: 16 * 1024 * 1024,
  }));
}, 300_000);
afterAll(() => rmSync(path.dirname(out), { recursive: true, force: true }));

it("checks every relative link it wrote, and none is broken", () => {
  const [, checked, broken] = /links checked: (\d+), (\d+) broken/.exec(stdout) ?? [];
  expect(Number(checked)).toBeGreaterThan(1000);
  expect(Number(broken)).toBe(0);
});

it("writes an index of every package's and every spec's docs", () => {
  expect(stdout).toContain("docs written to");
  const index = readFileSync(path.join(out, "README.md"), "utf8");
  for (const pkg of publicPackages())
    expect(index).toContain(`[${pkg.manifest.name}](api/${path.basename(pkg.dir)}/index.html)`);
  for (const entry of specs) expect(index).toContain(`(openapi/${entry.vendor}/README.md)`);
});

describe.each(publicPackages().map((pkg) => [pkg.manifest.name, pkg] as const))(
  "TypeDoc of %s",
  (name, pkg) => {
    it("has a front page and a page for every value its entries export", async () => {
      const dir = path.join(out, "api", path.basename(pkg.dir));
      expect(readFileSync(path.join(dir, "index.html"), "utf8")).toContain(name);
      const pages = readdirSync(dir, { recursive: true })
        .map(String)
        .filter((file) => file.endsWith(".html"));
      const exported = new Set<string>();
      for (const entry of packageEntries(pkg)) {
        for (const key of Object.keys(await import(pathToFileURL(entry.file).href))) exported.add(key);
      }
      expect(exported.size).toBeGreaterThan(0);
      expect(
        [...exported].filter(
          (key) => !pages.some((page) => page.endsWith(`.${key}.html`) || page.endsWith(`/${key}.html`)),
        ),
      ).toEqual([]);
    });
  },
);

describe.each(specs.map((entry) => [entry.spec, entry] as const))(
  "openapi-generator's docs of %s",
  (_spec, entry) => {
    it("list every operation of the spec", () => {
      const readme = readFileSync(path.join(out, "openapi", entry.vendor, "README.md"), "utf8");
      const spec = parse(readFileSync(fromRoot(entry.spec), "utf8")) as {
        paths: Record<string, Record<string, unknown>>;
      };
      const operations = Object.entries(spec.paths).flatMap(([route, item]) =>
        Object.keys(item)
          .filter((key) => METHODS.includes(key))
          .map((method) => `**${method.toUpperCase()}** ${route}`),
      );
      expect(operations.length).toBeGreaterThan(0);
      expect(operations.filter((operation) => !readme.includes(operation))).toEqual([]);
    });
  },
);
