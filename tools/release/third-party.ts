// The third-party packages a consumer of our packages installs, published into the offline registry of
// tools/test/release.test.ts: every dependency of every public package that is not one of ours, with
// theirs (tools/release/dependencies.ts), and @types/node for the consumer's TypeScript check, each
// repacked from the workspace's install (tools/release/pack.ts) at the version pnpm-lock.yaml pins.
import semver from "semver";
import { publicPackages } from "../public-packages.ts";
import { dependencyClosure, type InstalledPackage } from "./dependencies.ts";
import { packDirectory } from "./pack.ts";
import type { Registry } from "./registry.ts";

/** The installed third-party closure of the public packages of the workspace at `root`. */
export function thirdPartyDependencies(root: string): InstalledPackage[] {
  return dependencyClosure([
    ...publicPackages(root).flatMap(({ dir, manifest }) =>
      Object.keys(manifest.dependencies ?? {})
        .filter((name) => !name.startsWith("@dbusers/"))
        .map((name) => ({ from: `${root}/${dir}`, name })),
    ),
    { from: `${root}/tools`, name: "@types/node" }, // at the workspace's version, for a reproducible check
  ]);
}

/** Publishes each package's versions in order (the last is its `latest`), different packages at once. */
export async function publishAll(
  registry: Registry,
  packages: InstalledPackage[],
  token: string,
): Promise<void> {
  const byName = new Map<string, InstalledPackage[]>();
  for (const found of packages) {
    byName.set(found.manifest.name, [...(byName.get(found.manifest.name) ?? []), found]);
  }
  await Promise.all(
    [...byName.values()].map(async (versions) => {
      versions.sort((a, b) => semver.compare(a.manifest.version, b.manifest.version));
      for (const { dir, manifest } of versions) {
        await registry.publishTarball(manifest, await packDirectory(dir), token);
      }
    }),
  );
}
