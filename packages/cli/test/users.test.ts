// `dbusers users …` against the simulator: JSON parsed, exit codes, and passwords only where asked.
import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { startTestSimulator } from "@dbusers/testing";
import { describe, expect, it } from "vitest";
import { dbusers, digitalOceanEnv, hostUpEnv, SIMULATOR_OPTIONS, TOKEN, workFolder } from "./bin.ts";

const { sim, handled } = await startTestSimulator(SIMULATOR_OPTIONS);
const home = workFolder();

function cluster(names: string[] = []) {
  const { id } = sim.digitalocean.addCluster({ engine: "pg", users: names.map((name) => ({ name })) });
  return { id, env: digitalOceanEnv(sim, id, home) };
}

describe("users list and get", () => {
  it("prints the users as one JSON document", async () => {
    const { env } = cluster(["app"]);
    const run = await dbusers(["users", "list", "--output", "json"], env);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
    const document = JSON.parse(run.stdout) as {
      provider: string;
      users: { name: string; protected: boolean }[];
    };
    expect(document.provider).toBe("digitalocean");
    expect(document.users.map((user) => [user.name, user.protected])).toEqual([
      ["doadmin", true],
      ["app", false],
    ]);
  });

  it("prints YAML and tables too", async () => {
    const { env } = cluster(["app"]);
    expect((await dbusers(["users", "list", "-o", "yaml"], env)).stdout).toContain(
      "- id: app\n    name: app",
    );
    expect((await dbusers(["users", "list"], env)).stdout).toMatch(/^NAME +ID +READ-ONLY/);
  });

  it("exits 1 with an error document for a user that does not exist", async () => {
    const { env } = cluster();
    const run = await dbusers(["users", "get", "nobody", "-o", "json"], env);
    expect(run.code).toBe(1);
    const { error } = JSON.parse(run.stdout) as { error: { name: string; status: number } };
    expect(error).toMatchObject({ name: "NotFoundError", status: 404 });
  });
});

describe("users create and reset", () => {
  it("refuses, before sending anything, a create whose password nobody would receive", async () => {
    const { id, env } = cluster();
    const run = await dbusers(["users", "create", "reporting"], env);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--secrets-file FILE/);
    expect(handled).toEqual([]);
    expect(sim.digitalocean.getUser(id, "reporting")).toBeUndefined();
  });

  it("writes the password to a 0600 secrets file and nowhere else, even with --debug", async () => {
    const { id, env } = cluster();
    const file = path.join(home, "create-secrets.json");
    const run = await dbusers(["users", "create", "reporting", "--secrets-file", file, "--debug"], env);
    expect(run.code).toBe(0);
    const password = sim.digitalocean.getUser(id, "reporting")?.password ?? "";
    expect(password.length).toBeGreaterThanOrEqual(8);
    expect(JSON.parse(readFileSync(file, "utf8"))).toEqual({ reporting: password });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(run.stderr).toMatch(/debug: /); // the request lines are there…
    for (const output of [run.stdout, run.stderr]) {
      expect(output).not.toContain(password); // …without the password
      expect(output).not.toContain(TOKEN); // …or the token
    }
  });

  it("prints the new password with --show-secrets, and a reset's in the secrets file beside the others", async () => {
    const { id, env } = cluster(["app"]);
    const shown = await dbusers(["users", "reset", "app", "--show-secrets", "-o", "json"], env);
    expect(shown.code).toBe(0);
    const { password } = JSON.parse(shown.stdout) as { password: string };
    expect(password).toBe(sim.digitalocean.getUser(id, "app")?.password);

    const file = path.join(home, "reset-secrets.json");
    await dbusers(["users", "create", "other", "--secrets-file", file], env);
    const reset = await dbusers(["users", "reset", "app", "--secrets-file", file, "-o", "json"], env);
    expect(JSON.parse(reset.stdout)).not.toHaveProperty("password");
    expect(Object.keys(JSON.parse(readFileSync(file, "utf8")))).toEqual(["other", "app"]);
  });

  it("sets a chosen password read from stdin (HostUp)", async () => {
    const account = sim.hostup.addAccount({ databases: ["abcde_shop"] });
    sim.hostup.addUser(account.id, { username: "shop" });
    const env = hostUpEnv(sim, account.id, home);
    const chosen = "Chosen-Passw0rd-2026";
    const run = await dbusers(["users", "set-password", "shop", "--password-stdin"], env, `${chosen}\n`);
    expect(run.code).toBe(0);
    expect(sim.hostup.getUser(account.id, "shop")?.password).toBe(chosen);
    expect(run.stdout + run.stderr).not.toContain(chosen);
  });
});

describe("users delete", () => {
  it("needs --yes, then deletes", async () => {
    const { id, env } = cluster(["old"]);
    expect((await dbusers(["users", "delete", "old"], env)).code).toBe(2);
    expect(sim.digitalocean.getUser(id, "old")).toBeDefined();
    expect((await dbusers(["users", "delete", "old", "--yes"], env)).code).toBe(0);
    expect(sim.digitalocean.getUser(id, "old")).toBeUndefined();
  });

  it("exits 1 when the vendor refuses (the primary user), saying nothing was changed", async () => {
    const { env } = cluster();
    const run = await dbusers(["users", "delete", "doadmin", "--yes"], env);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/outcome: not applied/);
  });
});

describe("configuration", () => {
  it("takes a config file and flags (the flag wins), in fromEnv's names", async () => {
    const { id } = cluster(["app"]);
    const config = path.join(home, "dbusers.config.yaml");
    const { writeFileSync } = await import("node:fs");
    writeFileSync(
      config,
      `DBUSERS_PROVIDER: digitalocean\nDIGITALOCEAN_TOKEN: ${TOKEN}\nDIGITALOCEAN_CLUSTER_ID: nope\n`,
    );
    const run = await dbusers(
      [
        "users",
        "list",
        "-o",
        "json",
        "--config",
        config,
        "--set",
        `DIGITALOCEAN_CLUSTER_ID=${id}`,
        "--base-url",
        sim.urls.digitalocean,
      ],
      { HOME: home },
    );
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).users).toHaveLength(2);
  });

  it("exits 2 naming each missing variable, without printing any value", async () => {
    const run = await dbusers(["users", "list"], {
      HOME: home,
      DBUSERS_PROVIDER: "digitalocean",
      DIGITALOCEAN_TOKEN: TOKEN,
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("DIGITALOCEAN_CLUSTER_ID must be set");
    expect(run.stderr).not.toContain(TOKEN);
  });

  it("exits 2 for an unknown option or command, 0 for --help", async () => {
    expect((await dbusers(["users", "list", "--nope"], { HOME: home })).code).toBe(2);
    expect((await dbusers(["frobnicate"], { HOME: home })).code).toBe(2);
    const help = await dbusers(["--help"], { HOME: home });
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("plan");
  });
});
