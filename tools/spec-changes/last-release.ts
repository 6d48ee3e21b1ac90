// The last released version of a client package and the spec it was generated from, read from git:
// `changeset version` (in the release commit) sets the version in package.json, so the package's
// released spec is the spec at the commit that set the version package.json has now. This needs the
// history only (no registry, no tags, which a clone may not carry); a shallow clone is refused, since its
// history stops short.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";

export interface LastRelease {
  readonly name: string;
  /** The version in the package.json of the working tree. */
  readonly version: string;
  /** The commit that set that version; undefined when the working tree sets it (a release in progress). */
  readonly commit: string | undefined;
  /** The spec's text at that commit; undefined when it had none (a new vendor) or there is no commit. */
  readonly spec: string | undefined;
}

function git(root: string, args: string[]): string | undefined {
  try {
    return execFileSync("git", args, { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } catch {
    return undefined; // `git show` of a path the commit does not have
  }
}

/** The last release of the package in `packageDir` with its spec at `specPath` (both relative to `root`). */
export function lastRelease(root: string, packageDir: string, specPath: string): LastRelease {
  if (git(root, ["rev-parse", "--is-shallow-repository"])?.trim() !== "false") {
    throw new Error(`${root} is not a full git clone: the release history is needed (git fetch --unshallow)`);
  }
  const manifestPath = `${packageDir}/package.json`;
  const { name, version } = JSON.parse(readFileSync(path.join(root, manifestPath), "utf8")) as {
    name: string;
    version: string;
  };
  const versionAt = (commit: string) => {
    const text = git(root, ["show", `${commit}:${manifestPath}`]);
    return text === undefined ? undefined : (JSON.parse(text) as { version?: string }).version;
  };
  // The package.json's history, newest first: the oldest of the commits since the version last changed.
  let commit: string | undefined;
  for (const candidate of (git(root, ["log", "--format=%H", "--", manifestPath]) ?? "").split("\n")) {
    if (candidate === "" || versionAt(candidate) !== version) break;
    commit = candidate;
  }
  return { name, version, commit, spec: commit && git(root, ["show", `${commit}:${specPath}`]) };
}
