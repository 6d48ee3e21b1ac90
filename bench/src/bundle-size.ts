// What a one-vendor service ships: the factory it calls, imported from the client package directly,
// from the facade's per-vendor entry, and from the facade's all-vendor entry, each bundled and counted
// by the measure `pnpm size` uses (tools/size/measure.ts: size-limit, esbuild minified for Node 20,
// gzip -9). The per-vendor entry must cost next to nothing over the client itself.
import { fileURLToPath } from "node:url";
import { measureImport } from "@dbusers/tools/size/measure";

export interface BundleFigures {
  /** Bytes of each service bundle: minified, and minified + gzipped. */
  sizes: Record<string, { minified: number; gzipped: number }>;
  /** Facade (per-vendor entry) over the client package, gzipped. */
  facadeBundleRatio: number;
}

/** What each service imports, by the name its row gets: the module and the names it takes from it. */
const SERVICES: Record<string, [specifier: string, names: string]> = {
  "@dbusers/client-digitalocean": ["@dbusers/client-digitalocean", "{ createDigitalOceanUsers }"],
  "@dbusers/sdk/digitalocean": ["@dbusers/sdk/digitalocean", "{ createDatabaseUsers }"],
  "@dbusers/sdk (every vendor)": ["@dbusers/sdk", "{ createDatabaseUsers }"],
};

export async function measureBundles(): Promise<BundleFigures> {
  const sizes: BundleFigures["sizes"] = {};
  for (const [name, [specifier, names]] of Object.entries(SERVICES)) {
    const { minified, gzipped } = await measureImport(fileURLToPath(import.meta.resolve(specifier)), names);
    sizes[name] = { minified, gzipped };
  }
  const direct = sizes["@dbusers/client-digitalocean"]?.gzipped ?? Number.NaN;
  const facade = sizes["@dbusers/sdk/digitalocean"]?.gzipped ?? Number.NaN;
  return { sizes, facadeBundleRatio: Math.round((facade / direct) * 1000) / 1000 };
}
