// An embedded PostgreSQL's server process, as its data folder names it.
import { readFile } from "node:fs/promises";
import { join } from "node:path";

/** The server's process id, from the first line of the data folder's `postmaster.pid`. */
export async function postmasterPid(databaseDir: string): Promise<number> {
  const pid = Number((await readFile(join(databaseDir, "postmaster.pid"), "utf8")).split("\n", 1)[0]);
  if (!Number.isInteger(pid) || pid <= 0) throw new Error(`no process id in ${databaseDir}/postmaster.pid`);
  return pid;
}

export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0); // no signal: only whether the process exists
    return true;
  } catch {
    return false;
  }
}
