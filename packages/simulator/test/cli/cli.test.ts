import { describe, expect, it } from "vitest";
import { DEFAULT_TOKEN, DIGITALOCEAN_DEMO_SEED } from "../../src/index.ts";
import { startCli } from "./cli-process.ts";

const demoPg = DIGITALOCEAN_DEMO_SEED.clusters?.[0]?.id ?? "";

describe("the dbusers-simulator CLI", () => {
  it("prints its URLs and the demo token, serves the demo seed in memory, and exits 0 on SIGTERM", async () => {
    const cli = startCli(["--port", "0", "--seed", "demo", "--quiet"]);
    await cli.waitFor(/Try:\n.*\n/);
    expect(cli.output()).toContain(`Demo token (every scope): ${DEFAULT_TOKEN}`);
    expect(cli.output()).not.toContain("Real databases");
    const url = /digitalocean\s+(http:\/\/127\.0\.0\.1:\d+\/digitalocean)/.exec(cli.output())?.[1];
    expect(url).toBeDefined();
    const response = await fetch(`${url}/v2/databases/${demoPg}/users`, {
      headers: { authorization: `Bearer ${DEFAULT_TOKEN}` },
    });
    expect(response.status).toBe(200);
    expect((await response.json()).users.map((u: { name: string }) => u.name)).toEqual(["doadmin", "app-01"]);

    cli.child.kill("SIGTERM");
    expect(await cli.exited).toEqual({ code: 0, signal: null });
  });
});
