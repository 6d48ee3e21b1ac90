// Semver for spec changes: each spec of tools/specs.ts is compared with the one its client package was
// last released with (./last-release.ts), the change is classified (./classify.ts), and the pending
// changesets (.changeset/*.md, read by @changesets/read as `changeset version` reads them) must bump the
// client package at least as much as the change requires:
//
//   change      from 1.0.0   below 1.0.0 (npm's ^0.x.y accepts patches only: a minor is a major there)
//   breaking    major        minor
//   additive    minor        patch
//   fix         patch        patch
import { readFileSync } from "node:fs";
import path from "node:path";
import { readChangesets } from "@changesets/read";
import semver from "semver";
import { parse } from "yaml";
import type { VendorSpec } from "../specs.ts";
import { type ChangeClass, type Classification, classifySpecChange } from "./classify.ts";
import { type LastRelease, lastRelease } from "./last-release.ts";

export type Bump = "patch" | "minor" | "major";

const BUMP_RANK: Record<Bump, number> = { patch: 1, minor: 2, major: 3 };

export interface SpecCheck {
  readonly entry: VendorSpec;
  readonly release: LastRelease;
  readonly classification: Classification;
  /** The least bump the change needs; undefined when the spec is unchanged. */
  readonly required: Bump | undefined;
  /** The strongest bump the pending changesets give the package, with their files. */
  readonly pending: { bump: Bump; files: string[] } | undefined;
  readonly ok: boolean;
}

/** The least bump a change of class `change` needs on a package at `version`. */
export function requiredBump(change: ChangeClass | undefined, version: string): Bump | undefined {
  if (!change) return undefined;
  const stable = semver.major(version) >= 1;
  if (change === "breaking") return stable ? "major" : "minor";
  if (change === "additive") return stable ? "minor" : "patch";
  return "patch";
}

/** The strongest bump each package gets from the pending changesets (`none` ones left out). */
async function pendingBumps(root: string): Promise<Map<string, { bump: Bump; files: string[] }>> {
  const bumps = new Map<string, { bump: Bump; files: string[] }>();
  for (const changeset of await readChangesets(root)) {
    for (const { name, type } of changeset.releases) {
      if (type === "none") continue;
      const known = bumps.get(name);
      const file = `.changeset/${changeset.id}.md`;
      const bump = known && BUMP_RANK[known.bump] >= BUMP_RANK[type] ? known.bump : type;
      bumps.set(name, { bump, files: [...(known?.files ?? []), file] });
    }
  }
  return bumps;
}

/** Checks every spec of `entries` in the repository at `root`. */
export async function checkSpecChanges(root: string, entries: readonly VendorSpec[]): Promise<SpecCheck[]> {
  const bumps = await pendingBumps(root);
  return entries.map((entry) => {
    const release = lastRelease(root, entry.package, entry.spec);
    const current = parse(readFileSync(path.join(root, entry.spec), "utf8"));
    // A version set by the working tree is being released with this spec: nothing to compare yet.
    const classification: Classification =
      release.commit === undefined
        ? { level: undefined, changes: [] }
        : release.spec === undefined
          ? { level: "additive", changes: [{ class: "additive", text: "a new spec: its first release" }] }
          : classifySpecChange(parse(release.spec), current);
    const required = requiredBump(classification.level, release.version);
    const pending = bumps.get(release.name);
    const ok = !required || (pending !== undefined && BUMP_RANK[pending.bump] >= BUMP_RANK[required]);
    return { entry, release, classification, required, pending, ok };
  });
}

/** The report of one check, for people: the changes by class, what is needed, what is pending. */
export function formatCheck(check: SpecCheck): string {
  const { entry, release, classification, required, pending, ok } = check;
  const since = release.commit
    ? `since ${release.name}@${release.version} (${release.commit.slice(0, 12)})`
    : `${release.name}@${release.version} is being released from this working tree`;
  const lines = [`${entry.spec} ${since}`];
  if (!required) return [...lines, "  unchanged: no changeset needed"].join("\n");
  for (const change of classification.changes) lines.push(`  ${change.class.padEnd(8)} ${change.text}`);
  const has = pending ? `${pending.bump} (${pending.files.join(", ")})` : "no changeset";
  const below = semver.major(release.version) < 1 ? ", below 1.0" : "";
  lines.push(
    `  ${ok ? "ok" : "FAIL"}: ${classification.level} change${below} needs a ${required} changeset for ${release.name}; pending: ${has}`,
  );
  return lines.join("\n");
}
