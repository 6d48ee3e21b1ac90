// tools/package-metadata.ts on a throwaway repository: the fields derived from the root's one setting,
// written into every public package (a client package also ships its spec), the check mode that fails
// on drift, and the fields each package must word itself.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SUPPORTED_NODE, syncMetadata } from "../package-metadata.ts";
import { publicPackages } from "../public-packages.ts";
import { fromRoot, specs } from "../specs.ts";

const CLIENT_DIR = specs[0]?.package ?? "packages/client-digitalocean";
let root: string;

const write = (file: string, value: unknown) => {
  mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  writeFileSync(
    path.join(root, file),
    typeof value === "string" ? value : `${JSON.stringify(value, null, 2)}\n`,
  );
};
const manifest = (dir: string) => JSON.parse(readFileSync(path.join(root, dir, "package.json"), "utf8"));

/** A package that words its own fields, with its README and LICENSE. */
function addPackage(dir: string, fields: Record<string, unknown> = {}) {
  write(`${dir}/package.json`, {
    name: `@dbusers/${path.basename(dir)}`,
    version: "0.1.0",
    description: "A package of the throwaway repository.",
    license: "MIT",
    keywords: ["dbusers", "database", "users"],
    engines: { node: ">=20.3" },
    files: ["dist"],
    ...fields,
  });
  write(`${dir}/README.md`, "# readme\n");
  write(`${dir}/LICENSE`, "MIT\n");
}

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), "dbusers-metadata-"));
  write("package.json", {
    name: "root",
    private: true,
    license: "MIT",
    repository: { type: "git", url: "git+https://github.com/dbusers/dbusers.git" },
  });
  addPackage("packages/core");
  addPackage(CLIENT_DIR);
  addPackage("packages/testing", { private: true });
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe("syncMetadata", () => {
  it("writes repository, homepage, bugs and publishConfig from the root's repository, and engines", () => {
    expect(syncMetadata(root, false)).toEqual([]);
    expect(manifest("packages/core")).toMatchObject({
      repository: {
        type: "git",
        url: "git+https://github.com/dbusers/dbusers.git",
        directory: "packages/core",
      },
      homepage: "https://github.com/dbusers/dbusers/tree/HEAD/packages/core#readme",
      bugs: { url: "https://github.com/dbusers/dbusers/issues" },
      engines: { node: SUPPORTED_NODE },
      publishConfig: { access: "public", provenance: true },
      files: ["dist", "CHANGELOG.md"],
    });
    expect(Object.keys(manifest("packages/core")).slice(0, 8)).toEqual([
      "name",
      "version",
      "description",
      "license",
      "repository",
      "homepage",
      "bugs",
      "publishConfig",
    ]);
  });

  it("ships a client package's spec as openapi.yaml", () => {
    syncMetadata(root, false);
    expect(manifest(CLIENT_DIR).files).toEqual(["dist", "CHANGELOG.md", "openapi.yaml"]);
  });

  it("leaves private packages alone", () => {
    syncMetadata(root, false);
    expect(manifest("packages/testing").repository).toBeUndefined();
  });

  it("in check mode, names what is out of step and changes nothing, then passes once written", () => {
    const before = readFileSync(path.join(root, "packages/core/package.json"), "utf8");
    expect(syncMetadata(root, true)).toEqual([
      expect.stringMatching(new RegExp(`^${CLIENT_DIR}/package.json: out of step \\(.*files\\)`)),
      "packages/core/package.json: out of step (repository, homepage, bugs, engines, publishConfig, files): run pnpm metadata",
    ]);
    expect(readFileSync(path.join(root, "packages/core/package.json"), "utf8")).toBe(before);
    syncMetadata(root, false);
    expect(syncMetadata(root, true)).toEqual([]);
  });

  it("reports what a package must word itself: description, keywords, README", () => {
    addPackage("packages/sdk", { description: "sdk", keywords: ["sdk"], engines: undefined });
    rmSync(path.join(root, "packages/sdk/README.md"));
    expect(syncMetadata(root, false)).toEqual([
      'packages/sdk: "description" must say what the package is',
      'packages/sdk: "keywords" must hold "dbusers" and at least two more',
      "packages/sdk: README.md is missing",
    ]);
  });
});

describe("this repository's metadata", () => {
  it("derives every package's homepage and bugs from the root's real repository, not a placeholder", () => {
    const rootManifest = JSON.parse(readFileSync(fromRoot("package.json"), "utf8"));
    expect(rootManifest.repository.url).toBe("git+https://github.com/dbusers/dbusers.git");
    for (const pkg of publicPackages()) {
      expect(pkg.manifest.homepage).toBe(`https://github.com/dbusers/dbusers/tree/HEAD/${pkg.dir}#readme`);
      expect(pkg.manifest.bugs).toEqual({ url: "https://github.com/dbusers/dbusers/issues" });
      expect(pkg.manifest.engines).toEqual({ node: SUPPORTED_NODE });
    }
  });
});
