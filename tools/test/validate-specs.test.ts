// Runs tools/validate-specs.ts as `pnpm validate:specs` does (a child process, the real JAR) on the real
// specs and on deliberately broken copies of them.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureGeneratorJar, readGeneratorConfig } from "../openapi-generator.ts";
import { fromRoot, repoRoot, specs } from "../specs.ts";

function validateSpecs(...files: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [fromRoot("tools/validate-specs.ts"), ...files], {
    cwd: repoRoot,
    encoding: "utf8",
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const digitalocean = readFileSync(fromRoot("specs/digitalocean.yaml"), "utf8");

/** Replaces exactly one occurrence, so that a changed spec makes the test fail loudly instead of passing. */
function breakOnce(text: string, search: string, replacement: string): string {
  expect(text.split(search)).toHaveLength(2);
  return text.replace(search, replacement);
}

let dir: string;
beforeAll(() => {
  ensureGeneratorJar();
  dir = mkdtempSync(path.join(tmpdir(), "dbusers-broken-specs-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("validate-specs", () => {
  it("passes on every spec in tools/specs.ts, with the pinned generator version", () => {
    const { status, stdout, stderr } = validateSpecs();
    expect(stderr).toBe("");
    expect(stdout).toContain(`openapi-generator-cli ${readGeneratorConfig().version}`);
    for (const entry of specs) expect(stdout).toContain(`valid   ${entry.spec}`);
    expect(status).toBe(0);
  });

  it("fails on a $ref to a schema that does not exist, naming the spec", () => {
    const broken = path.join(dir, "missing-ref.yaml");
    writeFileSync(
      broken,
      breakOnce(
        digitalocean,
        '$ref: "#/components/schemas/users"',
        '$ref: "#/components/schemas/no_such_schema"',
      ),
    );
    const { status, stdout, stderr } = validateSpecs(broken);
    expect(status).toBe(1);
    expect(stdout).toContain("no_such_schema");
    expect(stdout).toContain(`INVALID ${broken}`);
    expect(stderr).toContain(`Invalid spec: ${broken}`);
  });

  it("fails on a path parameter that is not declared, which the JAR alone accepts", () => {
    const broken = path.join(dir, "undeclared-param.yaml");
    const pathItem =
      "  /v2/databases/{database_cluster_uuid}/users/{username}/reset_auth:\n    parameters:\n";
    writeFileSync(
      broken,
      breakOnce(
        digitalocean,
        `${pathItem}      - $ref: "#/components/parameters/database_cluster_uuid"\n      - $ref: "#/components/parameters/username"\n`,
        `${pathItem}      - $ref: "#/components/parameters/database_cluster_uuid"\n`,
      ),
    );
    const { status, stdout, stderr } = validateSpecs(broken);
    expect(stdout).toContain("No validation issues detected."); // openapi-generator misses it...
    expect(stderr).toContain("path-parameters-defined"); // ...Redocly's linter does not
    expect(stderr).toContain("`{username}`");
    expect(stderr).toContain(`Invalid spec: ${broken}`);
    expect(status).toBe(1);
  });

  it("fails on invalid YAML without a Java stack trace", () => {
    const broken = path.join(dir, "bad-yaml.yaml");
    writeFileSync(
      broken,
      breakOnce(digitalocean, "summary: List all database users", "summary: List: all users"),
    );
    const { status, stderr } = validateSpecs(broken, fromRoot("specs/digitalocean.yaml"));
    expect(status).toBe(1);
    expect(stderr).toMatch(/bad-yaml\.yaml: .*mapping/i);
    expect(stderr).toContain(`Invalid spec: ${broken}`);
    expect(stderr).not.toContain("java.lang");
  });
});
