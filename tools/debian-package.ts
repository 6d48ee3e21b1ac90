// The servers the tests start (MariaDB, Redis) come from Debian's packages, installed on first use: we
// are root on every machine of this project, and nothing is set up by hand.
import { execFile } from "node:child_process";
import { access } from "node:fs/promises";
import { userInfo } from "node:os";
import { promisify } from "node:util";

const run = promisify(execFile);

/**
 * The environment to run a packaged server and its tools in: Debian puts some in /usr/sbin, which a
 * non-login root shell may not have on its PATH, and apt-get must not ask questions.
 */
export const PACKAGED_ENV: NodeJS.ProcessEnv = {
  ...process.env,
  PATH: `/usr/sbin:/usr/bin:${process.env.PATH ?? ""}`,
  DEBIAN_FRONTEND: "noninteractive",
};

/** `apt-get install <name>` unless `binary` is there; waits for another install's dpkg lock. */
export async function ensureDebianPackage(name: string, binary: string): Promise<void> {
  const there = await access(binary).then(
    () => true,
    () => false,
  );
  if (there) return;
  if (userInfo().uid !== 0) {
    throw new Error(`${binary} is not installed and only root can install it: apt-get install ${name}`);
  }
  const lock = ["-o", "DPkg::Lock::Timeout=300"];
  await run("apt-get", [...lock, "update", "-qq"], { env: PACKAGED_ENV });
  await run("apt-get", [...lock, "install", "-y", "-qq", "--no-install-recommends", name], {
    env: PACKAGED_ENV,
    maxBuffer: 64 * 1024 * 1024,
  });
}

/** Seconds since `since` (a `performance.now()`), to a tenth. */
export function secondsSince(since: number): number {
  return Math.round((performance.now() - since) / 100) / 10;
}
