// `pnpm demo --rotation`, smaller: 3 rotations per vendor and strategy, 2 clients logging in for real.
// What is asserted is counted, never timed: every rotation done, logins made, and no alternating login failed.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { fromRoot } from "../specs.ts";

const run = promisify(execFile);

describe("pnpm demo --rotation", () => {
  it("rotates on every vendor with real logins: alternating rotation never fails a login", async () => {
    const { DBUSERS_PROVIDER: _, ...env } = process.env;
    const { stdout } = await run(
      process.execPath,
      ["tools/demo.ts", "--rotation", "--rotations", "3", "--clients", "2"],
      { cwd: fromRoot("."), env, maxBuffer: 1 << 20 },
    );
    const rows = stdout
      .split("\n")
      .filter((line) => line.startsWith("│"))
      .map((line) =>
        line
          .split("│")
          .slice(1, -1)
          .map((cell) => cell.trim()),
      );
    const [header = [], ...vendors] = rows;
    const table = new Map(
      vendors.map(([vendor = "", ...cells]) => [
        vendor,
        Object.fromEntries(header.slice(1).map((name, i) => [name, Number(cells[i])])),
      ]),
    );
    expect([...table.keys()]).toEqual(["digitalocean", "scalingo", "cloud66", "hostup"]);
    for (const [vendor, counts] of table) {
      expect({ vendor, ...counts }).toMatchObject({
        vendor,
        "in-place rotations": 3,
        "alternating rotations": 3,
        "alternating failed": 0,
      });
      expect(counts["alternating logins"]).toBeGreaterThan(0);
    }
    expect(stdout).toContain("Alternating: 0 failed logins on every vendor.");
  });
});
