// `dbusers import`, `plan` and `apply` on users.yaml against the simulator: import → edit → plan →
// apply → plan (no changes), exit codes, a fault-injected apply that converges on its second run, and
// bad files refused at their line and column with nothing sent.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { startTestSimulator } from "@dbusers/testing";
import { describe, expect, it } from "vitest";
import { dbusers, digitalOceanEnv, SIMULATOR_OPTIONS, workFolder } from "./bin.ts";

const { sim, handled } = await startTestSimulator(SIMULATOR_OPTIONS);
const home = workFolder();
let files = 0;

function cluster(names: string[] = []) {
  const { id } = sim.digitalocean.addCluster({ engine: "pg", users: names.map((name) => ({ name })) });
  return { id, env: digitalOceanEnv(sim, id, home) };
}

function file(content: string): string {
  const name = path.join(home, `users-${++files}.yaml`);
  writeFileSync(name, content);
  return name;
}

interface ApplyDocument {
  ok: boolean;
  changes: { action: string; name: string; status: string; error?: { outcome: string; step?: string } }[];
}

describe("import, plan, apply", () => {
  it("round-trips: import plans nothing; an edit plans changes (exit 3); apply; then nothing again (exit 0)", async () => {
    const { id, env } = cluster(["app"]);
    const users = path.join(home, "roundtrip.yaml");
    expect((await dbusers(["import", "--file", users], env)).code).toBe(0);
    const imported = readFileSync(users, "utf8");
    expect(imported).toContain("$schema: https://unpkg.com/@dbusers/cli/users.schema.json");
    expect(imported).toContain("- name: app");
    expect(imported).not.toContain("doadmin"); // protected: left out
    expect((await dbusers(["plan", "-f", users, "--detailed-exitcode"], env)).code).toBe(0);

    writeFileSync(
      users,
      `${imported.replace("pg_allow_replication: false", "pg_allow_replication: true")}  - name: reporting\n`,
    );
    const planned = await dbusers(["plan", "-f", users, "--detailed-exitcode", "-o", "json"], env);
    expect(planned.code).toBe(3);
    expect(JSON.parse(planned.stdout)).toMatchObject({
      hasChanges: true,
      changes: [
        { action: "create", name: "reporting" },
        { action: "update", name: "app" },
      ],
    });
    // Without --detailed-exitcode a plan with changes is a success.
    expect((await dbusers(["plan", "-f", users], env)).code).toBe(0);

    const secrets = path.join(home, "roundtrip-secrets.json");
    const applied = await dbusers(["apply", "-f", users, "--secrets-file", secrets, "-o", "json"], env);
    expect(applied.code).toBe(0);
    expect((JSON.parse(applied.stdout) as ApplyDocument).changes.map((c) => c.status)).toEqual([
      "done",
      "done",
    ]);
    const password = sim.digitalocean.getUser(id, "reporting")?.password ?? "";
    expect(JSON.parse(readFileSync(secrets, "utf8"))).toEqual({ reporting: password });
    expect(applied.stdout).not.toContain(password);

    const after = await dbusers(["plan", "-f", users, "--detailed-exitcode"], env);
    expect(after.code).toBe(0);
    expect(after.stdout).toContain("No changes");
  });

  it("deletes undeclared users only with --prune, and never the primary user", async () => {
    const { id, env } = cluster(["legacy"]);
    const users = file("provider: digitalocean\nusers: []\n");
    expect((await dbusers(["apply", "-f", users], env)).code).toBe(0);
    expect(sim.digitalocean.getUser(id, "legacy")).toBeDefined();
    const pruned = await dbusers(["apply", "-f", users, "--prune"], env);
    expect(pruned.code).toBe(0);
    expect(sim.digitalocean.listUsers(id).map((user) => user.name)).toEqual(["doadmin"]);
  });

  it("refuses, before sending anything, an apply whose new passwords nobody would receive", async () => {
    const { id, env } = cluster();
    const run = await dbusers(["apply", "-f", file("provider: digitalocean\nusers: [{ name: a }]\n")], env);
    expect(run.code).toBe(2);
    expect(handled.map((request) => request.operationId)).toEqual(["databases_list_users"]);
    expect(sim.digitalocean.getUser(id, "a")).toBeUndefined();
  });
});

describe("a fault-injected apply", () => {
  it("reports the lost answers as unknown (exit 1), and the second run converges (exit 0, then no changes)", async () => {
    const { id, env } = cluster();
    const users = file("provider: digitalocean\nusers:\n  - name: one\n  - name: two\n");
    const secrets = path.join(home, "fault-secrets.json");
    // Every create request (and its recovery's re-sends) of the first run answers 500.
    sim.failNext({ status: 500, operationId: "databases_add_user", count: 20 });
    const first = await dbusers(["apply", "-f", users, "--secrets-file", secrets, "-o", "json"], env);
    expect(first.code).toBe(1);
    const document = JSON.parse(first.stdout) as ApplyDocument;
    expect(document.ok).toBe(false);
    const unknown = document.changes.filter((change) => change.status === "unknown");
    expect(unknown.length).toBeGreaterThan(0);
    for (const change of unknown) {
      expect(change.error?.outcome).toBe("unknown");
      expect(change.error?.step).toEqual(expect.any(String));
    }
    const table = await dbusers(["plan", "-f", users], env);
    expect(table.code).toBe(0);

    sim.clearFaults();
    const second = await dbusers(["apply", "-f", users, "--secrets-file", secrets, "-o", "json"], env);
    expect(second.code).toBe(0);
    expect((JSON.parse(second.stdout) as ApplyDocument).ok).toBe(true);
    expect((await dbusers(["plan", "-f", users, "--detailed-exitcode"], env)).code).toBe(0);
    expect(
      sim.digitalocean
        .listUsers(id)
        .map((user) => user.name)
        .sort(),
    ).toEqual(["doadmin", "one", "two"]);
  });

  it("shows an unknown outcome as such in the table", async () => {
    const { env } = cluster();
    const users = file("provider: digitalocean\nusers:\n  - name: lost\n");
    sim.failNext({ status: 500, operationId: "databases_add_user", count: 20 });
    const run = await dbusers(["apply", "-f", users, "--show-secrets"], env);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/\+ create lost: unknown .*run apply again/);
    expect(run.stdout).toContain("Apply: 0 done, 0 failed, 1 unknown.");
  });
});

describe("bad users.yaml", () => {
  it("gets every problem at its line and column, exit 2, and nothing is sent", async () => {
    const { env } = cluster();
    const users = file(
      [
        "provider: digitalocean",
        "users:",
        "  - name: x",
        '    readOnly: "yes"',
        "    hostup: {}",
        "  - nam: y",
        "",
      ].join("\n"),
    );
    const run = await dbusers(["plan", "-f", users], env);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${users}:4:5: users[0].readOnly must be boolean`);
    expect(run.stderr).toContain(`${users}:5:5: users[0].hostup is for another provider`);
    expect(run.stderr).toContain(`${users}:6:5: users[1].nam is not a field of users.yaml`);
    expect(handled).toEqual([]);
  });

  it("gets the sdk's own checks (repeated names, fields the vendor cannot take) at their lines too", async () => {
    const { env } = cluster();
    const users = file("provider: digitalocean\nusers:\n  - name: x\n  - name: x\n    databases: [a]\n");
    const run = await dbusers(["apply", "-f", users, "--show-secrets"], env);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${users}:4:5: users[1].name repeats "x"`);
    expect(run.stderr).toContain(`${users}:5:5: users[1].databases`);
    expect(handled).toEqual([]);
  });

  it("is refused for YAML syntax and for another vendor", async () => {
    const { env } = cluster();
    const broken = await dbusers(["plan", "-f", file("provider: [\n")], env);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/:2:1: /);
    const other = file("provider: hostup\nusers: []\n");
    const mismatch = await dbusers(["plan", "-f", other], env);
    expect(mismatch.code).toBe(2);
    expect(mismatch.stderr).toContain(
      `${other}:1:1: provider is hostup, but dbusers is configured for digitalocean`,
    );
    expect(handled).toEqual([]);
  });
});
