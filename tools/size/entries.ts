// What `pnpm size` measures, found rather than listed: each client package of tools/specs.ts, the
// facade's entry for each of those vendors (`@dbusers/sdk/<vendor>`), and the facade's all-vendor entry.
import { type PackageEntry, packageEntries, packageEntry, publicPackages } from "../public-packages.ts";
import { repoRoot, specs } from "../specs.ts";

const FACADE = "@dbusers/sdk";

/** Every entry with a budget, clients first. */
export function sizeEntries(root: string = repoRoot): PackageEntry[] {
  const packages = publicPackages(root);
  const facade = packages.find((pkg) => pkg.manifest.name === FACADE);
  if (!facade) throw new Error(`${FACADE} is not a public package of ${root}`);
  return [
    ...specs.map((entry) => {
      const client = packages.find((pkg) => pkg.dir === entry.package);
      if (!client) throw new Error(`${entry.package} (tools/specs.ts) is not a public package`);
      return packageEntry(client, ".", root);
    }),
    ...specs.map((entry) => packageEntry(facade, `./${entry.vendor}`, root)),
    packageEntry(facade, ".", root),
  ];
}

/** Every public package's entries, by import specifier: what an import of `@dbusers/…` means in src/. */
export function sourceEntries(root: string = repoRoot): Map<string, string> {
  return new Map(
    publicPackages(root).flatMap((pkg) =>
      packageEntries(pkg, root).map((entry) => [entry.name, entry.source]),
    ),
  );
}
