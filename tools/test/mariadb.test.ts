// tools/mariadb/with-mariadb.ts, as `pnpm test` runs it: the command gets a working server's URL and
// its exit code is passed on, and the server is stopped by its pid however the command ends.
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { describe, expect, it } from "vitest";
import { MYSQL_URL_VARIABLE } from "../mariadb/variable.ts";
import { fromRoot } from "../specs.ts";

/** with-mariadb.ts running `node -e script`, with no server of the outer test run to reuse. */
function withMariaDb(script: string): { wrapper: ChildProcess; output: () => string } {
  const env = { ...process.env };
  delete env[MYSQL_URL_VARIABLE];
  const wrapper = spawn(
    process.execPath,
    [fromRoot("tools/mariadb/with-mariadb.ts"), process.execPath, "-e", script],
    { env, stdio: ["ignore", "pipe", "inherit"] },
  );
  let output = "";
  wrapper.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  return { wrapper, output: () => output };
}

function serverPid(output: string): number {
  return Number(output.match(/MariaDB for the tests \(pid (\d+)\)/)?.[1]);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

// Exits 7 once the server's port, from the URL it was given, accepts a connection.
const CONNECTS = `
  const url = new URL(process.env.${MYSQL_URL_VARIABLE});
  require("node:net").connect(Number(url.port), url.hostname)
    .on("connect", () => process.exit(url.username === "dbusers_admin" ? 7 : 1))
    .on("error", () => process.exit(1));
`;

describe("with-mariadb", () => {
  it("hands the command a server's URL, passes its exit code on and stops the server", async () => {
    const { wrapper, output } = withMariaDb(CONNECTS);
    const [code] = await once(wrapper, "exit");
    expect(code).toBe(7);
    const pid = serverPid(output());
    expect(pid).toBeGreaterThan(0);
    expect(output()).not.toMatch(/mysql:\/\//); // the URL (and its password) is not printed
    expect(isRunning(pid)).toBe(false);
  });

  it("stops the server when it is itself stopped while the command runs", async () => {
    const { wrapper, output } = withMariaDb("setInterval(() => {}, 1000)");
    while (!serverPid(output())) await once(wrapper.stdout as NodeJS.ReadableStream, "data");
    const pid = serverPid(output());
    expect(isRunning(pid)).toBe(true);
    wrapper.kill("SIGTERM");
    const [code] = await once(wrapper, "exit");
    expect(code).toBe(143);
    expect(isRunning(pid)).toBe(false);
  });
});
