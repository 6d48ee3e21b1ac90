// A process that ends without its close (SIGKILL, a test run cut short, a second Ctrl-C) cannot remove
// its embedded PostgreSQL's data folder: some 47 MB in the temp directory, each time. The next start
// removes those whose server is gone. A folder without a running server is kept while it is young: its
// simulator may still be initialising it, or removing it after its server stopped.
import { readdir, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isRunning, postmasterPid } from "./postmaster.ts";

/** The name every embedded server's data folder starts with. */
export const FOLDER_PREFIX = "dbusers-postgres-";

/** How long a folder without a running server may still belong to a simulator at work. */
export const LEFT_BEHIND_AFTER_MS: number = 10 * 60_000;

async function serverRuns(folder: string): Promise<boolean> {
  try {
    return isRunning(await postmasterPid(folder));
  } catch {
    return false; // no postmaster.pid: the server has not started, or has stopped
  }
}

/**
 * Removes the embedded servers' folders in `dir` that have no running server and were last changed
 * `LEFT_BEHIND_AFTER_MS` or more before `now`; what it cannot read or remove (another user's) it leaves.
 * The folders removed.
 */
export async function removeLeftBehindFolders(
  dir: string = tmpdir(),
  now: number = Date.now(),
): Promise<string[]> {
  const names = await readdir(dir).catch(() => []);
  const removed: string[] = [];
  for (const name of names.filter((entry) => entry.startsWith(FOLDER_PREFIX))) {
    const folder = join(dir, name);
    try {
      const { mtimeMs } = await stat(folder);
      if (now - mtimeMs < LEFT_BEHIND_AFTER_MS || (await serverRuns(folder))) continue;
      await rm(folder, { recursive: true });
      removed.push(folder);
    } catch {
      // gone meanwhile, or not ours to remove
    }
  }
  return removed;
}
