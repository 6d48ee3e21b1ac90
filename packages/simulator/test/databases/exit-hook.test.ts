// The embedded PostgreSQL's data folder (some 40 MB) when the process ends before `sim.close()`: an
// uncaught error, or `process.exit()`. A separate Node process starts the simulator from its source,
// prints the folder and ends that way; the folder must be gone once it has exited.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const INDEX = pathToFileURL(new URL("../../src/index.ts", import.meta.url).pathname).href;

async function runAndEnd(ending: string): Promise<{ code: number; folder: string; stderr: string }> {
  const script = `
    import { startSimulator } from ${JSON.stringify(INDEX)};
    const sim = await startSimulator({ logger: false, databases: { postgres: "embedded" } });
    console.log(JSON.stringify({ folder: sim.databases.postgres.folder }));
    ${ending}`;
  const { code, stdout, stderr } = await promisify(execFile)(
    process.execPath,
    ["--input-type=module", "--eval", script],
    { timeout: 60_000 },
  ).then(
    (output) => ({ code: 0, ...output }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );
  const folder = (JSON.parse(stdout.split("\n")[0] ?? "{}") as { folder?: string }).folder ?? "";
  return { code, folder, stderr };
}

describe("the embedded PostgreSQL's data folder, when the process ends without sim.close()", () => {
  it("is removed after an uncaught error", async () => {
    const { code, folder, stderr } = await runAndEnd(
      'setTimeout(() => { throw new Error("uncaught before sim.close()"); });',
    );
    expect(code).toBe(1);
    expect(stderr).toContain("uncaught before sim.close()");
    expect(folder).toContain("dbusers-postgres-");
    expect(existsSync(folder)).toBe(false);
  });

  it("is removed after process.exit()", async () => {
    const { code, folder } = await runAndEnd("process.exit(3);");
    expect(code).toBe(3);
    expect(folder).toContain("dbusers-postgres-");
    expect(existsSync(folder)).toBe(false);
  });
});
