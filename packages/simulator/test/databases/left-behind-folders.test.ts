// The data folders that embedded PostgreSQL servers of killed processes left in the temp directory: the
// next start removes those whose server is gone, and nothing a simulator may still be using.
import { mkdir, mkdtemp, readdir, rm, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LEFT_BEHIND_AFTER_MS, removeLeftBehindFolders } from "../../src/databases/left-behind-folders.ts";

/** A process id no process has: above Linux's largest (2^22). */
const GONE_PID = 4_194_305;

describe("removeLeftBehindFolders (data folders of embedded servers whose process was killed)", () => {
  let dir: string;
  const now = Date.now();
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "dbusers-sweep-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  /** A folder in `dir`, last changed `ageMs` ago, with a `postmaster.pid` naming `pid` if given. */
  async function folder(name: string, ageMs: number, pid?: number): Promise<void> {
    const path = join(dir, name);
    await mkdir(path);
    await writeFile(join(path, "PG_VERSION"), "17\n");
    if (pid !== undefined) await writeFile(join(path, "postmaster.pid"), `${pid}\n${path}\n`);
    const changed = new Date(now - ageMs);
    await utimes(path, changed, changed);
  }

  it("removes old folders whose server is gone, and keeps the rest", async () => {
    const old = LEFT_BEHIND_AFTER_MS + 1_000;
    await folder("dbusers-postgres-killed", old, GONE_PID); // its server died with it
    await folder("dbusers-postgres-stopped", old); // stopped, never removed
    await folder("dbusers-postgres-running", old, process.pid); // a server that runs: a live process
    await folder("dbusers-postgres-starting", 5_000); // young: a simulator may be initialising it
    await folder("dbusers-postgres-stopping", 5_000, GONE_PID); // young: its simulator may be removing it
    await folder("someone-elses", old); // not the simulator's

    const removed = await removeLeftBehindFolders(dir, now);

    expect(removed.sort()).toEqual([
      join(dir, "dbusers-postgres-killed"),
      join(dir, "dbusers-postgres-stopped"),
    ]);
    expect((await readdir(dir)).sort()).toEqual([
      "dbusers-postgres-running",
      "dbusers-postgres-starting",
      "dbusers-postgres-stopping",
      "someone-elses",
    ]);
  });

  it("finds nothing to do in a folder that does not exist", async () => {
    expect(await removeLeftBehindFolders(join(dir, "missing"), now)).toEqual([]);
  });
});
