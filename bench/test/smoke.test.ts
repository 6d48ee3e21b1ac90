import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

// A smoke run of `pnpm bench --quick`: every benchmark runs to the end, prints its table and writes its
// figures. The figures of so short a run are not meaningful and are not asserted.
describe("pnpm bench (smoke run)", () => {
  it("prints the per-call and pagination tables and writes every figure to results.json", async () => {
    const script = new URL("../src/run.ts", import.meta.url).pathname;
    const out = path.join(mkdtempSync(path.join(tmpdir(), "dbusers-bench-")), "results.json");
    const { stdout } = await promisify(execFile)(process.execPath, [script, "--quick", "--out", out]);
    expect(stdout).toContain("adapter list()");
    expect(stdout).toContain("× bare fetch");
    expect(stdout).toContain("one after another");
    expect(stdout).toContain("+ Redis quota");
    const results = JSON.parse(readFileSync(out, "utf8"));
    expect(stdout).toContain("@dbusers/sdk/digitalocean");
    for (const key of [
      "openapiFetchOverheadRatio",
      "rawClientOverheadRatio",
      "adapterOverheadRatio",
      "facadeOverheadRatio",
      "adapterOverOpenapiFetch",
      "facadeOverOpenapiFetch",
      "facadeBundleRatio",
    ]) {
      expect(results[key], key).toBeGreaterThan(0);
    }
    expect(results.paginationSpeedup, "paginationSpeedup").toBeGreaterThan(0);
    expect(results.sharedThrottle.redisOverLocal, "sharedThrottle.redisOverLocal").toBeGreaterThan(0);
    expect(stdout).toContain("What proving a name free costs a create");
    for (const vendor of ["digitalocean", "scalingo", "cloud66", "hostup"]) {
      // Every create proves its name free first: at least the lookup and the create itself.
      expect(results.createCost[vendor].requestsPerCreate, vendor).toBeGreaterThanOrEqual(2);
      expect(results.createCost[vendor].proofRequests, vendor).toBeGreaterThanOrEqual(1);
    }
    expect(results.pagination).toMatchObject({ users: 300, pages: 10, latencyMs: 50 });
    for (const concurrency of ["1", "4", "8"]) {
      expect(results.pagination.medianMsByConcurrency[concurrency], concurrency).toBeGreaterThan(0);
    }
    expect(results.coldImportMs["@dbusers/sdk"], "cold import of the facade").toBeGreaterThan(0);
    expect(results.coldImportMs["@dbusers/client-digitalocean"], "cold import of a client").toBeGreaterThan(
      0,
    );
    // A smoke run leaves the builds alone: the suite's own turbo run is building.
    expect(results).toMatchObject({ quick: true, generateMs: null, cachedBuildMs: null });
  });
});
