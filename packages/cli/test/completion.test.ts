// Shell completion (@bomb.sh/tab): the script for each shell, and the answers it asks the bin for.
import { describe, expect, it } from "vitest";
import { dbusers } from "./bin.ts";

const env = { HOME: process.cwd() };

describe("completion", () => {
  it.each(["bash", "zsh", "fish", "powershell"])(
    "prints a %s script that calls dbusers back",
    async (shell) => {
      const run = await dbusers(["completion", shell], env);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain("dbusers");
      expect(run.stdout).toContain("complete");
    },
  );

  it("completes commands and subcommands", async () => {
    const top = await dbusers(["complete", "--", "pl"], env);
    expect(top.stdout).toMatch(/^plan\t/m);
    const rotate = await dbusers(["complete", "--", "ro"], env);
    expect(rotate.stdout).toMatch(/^rotate\t/m);
    const users = await dbusers(["complete", "--", "users", ""], env);
    for (const command of ["list", "get", "create", "reset", "set-password", "delete"]) {
      expect(users.stdout).toMatch(new RegExp(`^${command}\\t`, "m"));
    }
  });

  it("completes rotate's options and its strategies", async () => {
    const options = await dbusers(["complete", "--", "rotate", "--"], env);
    for (const option of ["--store", "--user", "--strategy", "--drain-ms", "--plan"]) {
      expect(options.stdout).toMatch(new RegExp(`^${option}\\t`, "m"));
    }
    const strategies = await dbusers(["complete", "--", "rotate", "app", "--strategy", ""], env);
    expect(strategies.stdout).toMatch(/^alternating\t.*\nin-place\t/m);
  });

  it("refuses a shell it does not know (exit 2)", async () => {
    expect((await dbusers(["completion", "tcsh"], env)).code).toBe(2);
  });
});
