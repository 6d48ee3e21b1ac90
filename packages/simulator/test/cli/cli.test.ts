import { describe, expect, it } from "vitest";
import {
  CLOUD66_DEMO_SEED,
  DEFAULT_TOKEN,
  DIGITALOCEAN_DEMO_SEED,
  HOSTUP_DEMO_SEED,
  SCALINGO_DEMO_SEED,
} from "../../src/index.ts";
import { bannerTargets, vendorText } from "./banner-targets.ts";
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
    expect(cli.output()).toContain(
      `curl -H "Authorization: Bearer ${DEFAULT_TOKEN}" ${url}/v2/databases/${demoPg}/users`,
    );
    const response = await fetch(`${url}/v2/databases/${demoPg}/users`, {
      headers: { authorization: `Bearer ${DEFAULT_TOKEN}` },
    });
    expect(response.status).toBe(200);
    expect((await response.json()).users.map((u: { name: string }) => u.name)).toEqual(["doadmin", "app-01"]);

    cli.child.kill("SIGTERM");
    expect(await cli.exited).toEqual({ code: 0, signal: null });
  });

  it("names, for every vendor of the demo seed, the ids a client is configured with and the users", async () => {
    const cli = startCli(["--port", "0", "--seed", "demo", "--quiet"]);
    await cli.waitFor(/Try:\n.*\n/);
    const targets = bannerTargets(cli.output());
    expect(targets.map((target) => target.vendor)).toEqual([
      "digitalocean",
      "digitalocean",
      "scalingo",
      "scalingo",
      "cloud66", // its web server group has no databases, so no users to configure a client for
      "hostup",
    ]);

    const digitalocean = vendorText(targets, "digitalocean");
    for (const cluster of DIGITALOCEAN_DEMO_SEED.clusters ?? []) {
      expect(digitalocean).toContain(`cluster id: ${cluster.id}`);
    }
    expect(digitalocean).toContain("users: doadmin, app-01\n");

    const scalingo = vendorText(targets, "scalingo");
    for (const addon of SCALINGO_DEMO_SEED.databases ?? []) {
      expect(scalingo).toContain(`app id: ${addon.appId}  addon id: ${addon.id}`);
      // The protected owner, named like the database, comes first.
      expect(scalingo).toContain(
        `users: ${[addon.name, ...(addon.users ?? []).map((u) => u.name)].join(", ")}`,
      );
    }

    const stack = CLOUD66_DEMO_SEED.stacks?.[0];
    const group = stack?.serverGroups?.[0];
    expect(vendorText(targets, "cloud66")).toContain(
      `stack uid: ${stack?.uid}  server group id: ${group?.id}`,
    );
    expect(vendorText(targets, "cloud66")).toContain("users: app_user, readonly_user");

    const account = HOSTUP_DEMO_SEED.accounts?.[0];
    expect(vendorText(targets, "hostup")).toContain(`account id: ${account?.id}`);
    expect(vendorText(targets, "hostup")).toContain("users: appuser, wp_reader");

    // Kept in memory: nothing to log in to.
    expect(cli.output()).not.toContain("log in as");
  });

  it("lists no demo targets with the empty seed", async () => {
    const cli = startCli(["--port", "0", "--seed", "empty", "--quiet"]);
    await cli.waitFor(/Demo token .*\n\n/);
    expect(cli.output()).not.toContain("Demo seed");
    expect(cli.output()).not.toContain("Try:");
  });
});
