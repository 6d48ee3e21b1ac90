import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { generateTypes, outputFile, simulatorOutputFile } from "../generate.ts";
import { findByPackageDir, fromRoot, simulatorPackage, specs } from "../specs.ts";

const operations = [
  "databases_list_users",
  "databases_add_user",
  "databases_get_user",
  "databases_update_user",
  "databases_delete_user",
  "databases_reset_auth",
];

describe("tools/specs.ts", () => {
  it("lists each vendor once, with an existing spec and package", () => {
    expect(new Set(specs.map((entry) => entry.vendor)).size).toBe(specs.length);
    for (const entry of specs) {
      expect(entry.spec).toBe(`specs/${entry.vendor}.yaml`);
      expect(entry.package).toBe(`packages/client-${entry.vendor}`);
      expect(readFileSync(fromRoot(entry.spec), "utf8")).toMatch(/^openapi: 3\.1\./);
      const manifest = JSON.parse(readFileSync(fromRoot(path.join(entry.package, "package.json")), "utf8"));
      expect(manifest.scripts.generate).toBe("node ../../tools/generate.ts");
      expect(findByPackageDir(fromRoot(entry.package))).toBe(entry);
    }
  });

  it("lets the simulator generate every vendor's types into its vendor modules", () => {
    const manifest = JSON.parse(readFileSync(fromRoot(path.join(simulatorPackage, "package.json")), "utf8"));
    expect(manifest.scripts.generate).toBe("node ../../tools/generate.ts");
    for (const entry of specs) {
      expect(simulatorOutputFile(entry)).toBe(
        fromRoot(`packages/simulator/src/vendors/${entry.vendor}/generated/schema.ts`),
      );
    }
  });
});

describe("generate", () => {
  const digitalocean = specs.find((entry) => entry.vendor === "digitalocean");
  if (!digitalocean) throw new Error("digitalocean is missing from tools/specs.ts");

  it("produces types with the six DigitalOcean user operations and a do-not-edit header", async () => {
    const content = await generateTypes(digitalocean);
    expect(
      content.startsWith("/**\n * GENERATED FILE: DO NOT EDIT. Generated from specs/digitalocean.yaml"),
    ).toBe(true);
    for (const operation of operations) expect(content).toContain(`    ${operation}: {`);
    expect(content).toContain('"/v2/databases/{database_cluster_uuid}/users/{username}/reset_auth": {');
    expect(outputFile(digitalocean)).toBe(fromRoot("packages/client-digitalocean/src/generated/schema.ts"));
  });

  it("marks read-only fields so openapi-fetch keeps them out of request bodies", async () => {
    const content = await generateTypes(digitalocean);
    expect(content).toMatch(/password\?: \$Read<string>;/);
    expect(content).toMatch(/role\?: \$Read<"primary" \| "normal">;/);
    // The Kafka ACL id is sent back on update: it must stay writable.
    expect(content).toMatch(/\n\s+id\?: string;/);
  });

  it("is deterministic (no timestamps), so turbo can cache it", async () => {
    expect(await generateTypes(digitalocean)).toBe(await generateTypes(digitalocean));
  });
});
