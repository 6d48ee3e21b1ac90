// The workspace tools/test/release.test.ts releases from: a copy of what `git add -A` would commit here
// (tracked files as they are in the working tree, and untracked files git does not ignore; no
// node_modules, dist or caches), made a git repository of one commit, then installed.
//
// A copy of the working tree rather than a `git clone` of HEAD: a maintainer who runs
// `pnpm test:release` before committing tests the changes and changesets they are about to commit. On CI
// the working tree is a clean clone, so both are the same. The one commit is there because
// `changeset publish` tags the versions it publishes, and tags need a commit.
//
// The install is `pnpm install --frozen-lockfile --offline` from the pnpm store the workspace was
// installed from: the same lockfile, so every package is already in it, and nothing is downloaded.
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { mustRun } from "./commands.ts";

/** The files of `root` that `git add -A` would commit, relative to it. */
function committableFiles(root: string): string[] {
  const listed = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], {
    cwd: root,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  // A tracked file deleted in the working tree is still listed with --cached.
  return listed.split("\0").filter((file) => file !== "" && existsSync(path.join(root, file)));
}

/** The store the workspace's node_modules were linked from (node_modules/.modules.yaml). */
function storeDir(root: string): string {
  const modules = parse(readFileSync(path.join(root, "node_modules/.modules.yaml"), "utf8")) as {
    storeDir?: string;
  };
  if (!modules.storeDir) throw new Error(`${root}/node_modules/.modules.yaml names no storeDir`);
  return modules.storeDir;
}

/** Copies the workspace at `root` into `dest` (which must not exist), commits it and installs it. */
export async function copyWorkspace(root: string, dest: string): Promise<void> {
  for (const file of committableFiles(root)) {
    cpSync(path.join(root, file), path.join(dest, file), { recursive: false });
  }
  const git = (...args: string[]) => mustRun("git", args, dest);
  await git("init", "--quiet", "--initial-branch=main");
  // Its own identity: a CI machine may have none, and changesets tags (annotated tags need one).
  await git("config", "user.name", "dbusers release test");
  await git("config", "user.email", "release-test@localhost");
  await git("config", "commit.gpgsign", "false");
  await git("add", "--all");
  await git("commit", "--quiet", "--message", "the workspace, as it is");
  await mustRun(
    path.join(root, "node_modules/.bin/pnpm"),
    ["install", "--frozen-lockfile", "--offline", "--store-dir", storeDir(root), "--reporter=append-only"],
    dest,
  );
}
