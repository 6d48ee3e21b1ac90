// On a terminal (a pty from `script`), apply shows its progress; piped, or in JSON mode even on a
// terminal, it prints nothing but its output.

import { writeFileSync } from "node:fs";
import path from "node:path";
import { startTestSimulator } from "@dbusers/testing";
import { describe, expect, it } from "vitest";
import { dbusers, dbusersOnTty, digitalOceanEnv, SIMULATOR_OPTIONS, workFolder } from "./bin.ts";

const { sim } = await startTestSimulator(SIMULATOR_OPTIONS);
const home = workFolder();
const SPINNER_FRAME = /[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]/;

function target(name: string) {
  const { id } = sim.digitalocean.addCluster({ engine: "pg" });
  const users = path.join(home, `${name}.yaml`);
  writeFileSync(users, "provider: digitalocean\nusers:\n  - name: one\n  - name: two\n");
  return { users, env: digitalOceanEnv(sim, id, home) };
}

describe("progress", () => {
  it("is shown on a terminal: each change as it starts, then the summary", async () => {
    const { users, env } = target("tty");
    const run = await dbusersOnTty(
      ["apply", "-f", users, "--secrets-file", path.join(home, "tty.json")],
      env,
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(SPINNER_FRAME);
    expect(run.stdout).toContain("1/2 create one");
    expect(run.stdout).toContain("2/2 create two");
    expect(run.stdout).toMatch(/✔.*Apply: 2 done, 0 failed, 0 unknown\./);
  });

  it("is not shown when the output is piped", async () => {
    const { users, env } = target("piped");
    const run = await dbusers(["apply", "-f", users, "--secrets-file", path.join(home, "piped.json")], env);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
    expect(run.stdout).not.toMatch(SPINNER_FRAME);
    expect(run.stdout).not.toContain("1/2");
  });

  it("is not shown in JSON mode, even on a terminal: the output is the document alone", async () => {
    const { users, env } = target("json");
    const run = await dbusersOnTty(
      ["apply", "-f", users, "-o", "json", "--secrets-file", path.join(home, "json.json")],
      env,
    );
    expect(run.code).toBe(0);
    const document = JSON.parse(run.stdout.replaceAll("\r", "")) as { ok: boolean; changes: unknown[] };
    expect(document).toMatchObject({ ok: true });
    expect(document.changes).toHaveLength(2);
  });
});
