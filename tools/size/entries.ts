// What `pnpm size` measures, found rather than listed: each client package of tools/specs.ts, the
// facade's entry for each of those vendors (`@dbusers/sdk/<vendor>`), the facade's all-vendor entry and
// the rotation package (what it adds over the facade a service already has: core is bundled in), the
// Redis package likewise (ioredis, the caller's client, is not bundled);
// and, for scale, what every client is built on.
import { readFileSync } from "node:fs";
import path from "node:path";
import {
  type PackageEntry,
  packageEntries,
  packageEntry,
  publicPackages,
  type WorkspacePackage,
} from "../public-packages.ts";
import { repoRoot, specs } from "../specs.ts";

const FACADE = "@dbusers/sdk";
const ROTATION = "@dbusers/rotation";
const REDIS = "@dbusers/redis";
const CORE = "@dbusers/core";
const OPENAPI_FETCH = "openapi-fetch";

/** Every entry with a budget, clients first. */
export function sizeEntries(root: string = repoRoot): PackageEntry[] {
  const packages = publicPackages(root);
  const facade = packages.find((pkg) => pkg.manifest.name === FACADE);
  if (!facade) throw new Error(`${FACADE} is not a public package of ${root}`);
  const rotation = packages.find((pkg) => pkg.manifest.name === ROTATION);
  if (!rotation) throw new Error(`${ROTATION} is not a public package of ${root}`);
  const redis = packages.find((pkg) => pkg.manifest.name === REDIS);
  if (!redis) throw new Error(`${REDIS} is not a public package of ${root}`);
  return [
    ...specs.map((entry) => {
      const client = packages.find((pkg) => pkg.dir === entry.package);
      if (!client) throw new Error(`${entry.package} (tools/specs.ts) is not a public package`);
      return packageEntry(client, ".", root);
    }),
    ...specs.map((entry) => packageEntry(facade, `./${entry.vendor}`, root)),
    packageEntry(facade, ".", root),
    packageEntry(rotation, ".", root),
    packageEntry(redis, ".", root),
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

/** What every client is built on, printed for scale beside the budgets (it has none of its own). */
export interface FoundationEntry {
  readonly name: string;
  /** The imports bundled together: `{ [absolute ES module build]: names }`, as measureImports takes. */
  readonly imports: Readonly<Record<string, string>>;
}

/**
 * openapi-fetch's `createClient` (the runtime every client is generated for); with everything
 * `@dbusers/core` exports to applications (the error classes, `Secret`), which every client re-exports;
 * and with core's transport (`createApiClient`: auth, timeout, retries, throttle, debug log), which every
 * client calls through. A client is the last of these plus its vendor's adapter.
 */
export function foundationEntries(root: string = repoRoot): FoundationEntry[] {
  const core = publicPackages(root).find((pkg) => pkg.manifest.name === CORE);
  if (!core) throw new Error(`${CORE} is not a public package of ${root}`);
  const openapiFetch = { [openapiFetchBuild(core, root)]: "createClient" };
  const withCore = { ...openapiFetch, [packageEntry(core, ".", root).file]: "*" };
  const withTransport = { ...withCore, [packageEntry(core, "./adapter", root).file]: "{ createApiClient }" };
  return [
    { name: OPENAPI_FETCH, imports: openapiFetch },
    { name: `${OPENAPI_FETCH} + ${CORE}`, imports: withCore },
    { name: `${OPENAPI_FETCH} + ${CORE} + createApiClient`, imports: withTransport },
  ];
}

/** openapi-fetch's ES module build, as core (which depends on it) resolves it. */
function openapiFetchBuild(core: WorkspacePackage, root: string): string {
  const dir = path.join(root, core.dir, "node_modules", OPENAPI_FETCH);
  const manifest = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")) as {
    exports: { ".": { import: string } };
  };
  return path.join(dir, manifest.exports["."].import);
}
