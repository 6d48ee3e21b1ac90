// What a one-vendor service ships: the same small service bundled (esbuild, minified, then gzipped)
// importing the client package directly, through the facade's per-vendor entry, and through the
// facade's all-vendor entry. The per-vendor entry must cost next to nothing over the client itself.
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

export interface BundleFigures {
  /** Bytes of each service bundle: minified, and minified + gzipped. */
  sizes: Record<string, { minified: number; gzipped: number }>;
  /** Facade (per-vendor entry) over the client package, gzipped. */
  facadeBundleRatio: number;
}

const SERVICES: Record<string, string> = {
  "@dbusers/client-digitalocean": `
    import { createDigitalOceanUsers } from "@dbusers/client-digitalocean";
    const users = createDigitalOceanUsers({ token: process.env.TOKEN, clusterId: process.env.CLUSTER });
    console.log(await users.list());`,
  "@dbusers/sdk/digitalocean": `
    import { createDatabaseUsers } from "@dbusers/sdk/digitalocean";
    const users = createDatabaseUsers({ provider: "digitalocean", token: process.env.TOKEN, clusterId: process.env.CLUSTER });
    console.log(await users.list());`,
  "@dbusers/sdk (every vendor)": `
    import { createDatabaseUsers } from "@dbusers/sdk";
    const users = createDatabaseUsers({ provider: "digitalocean", token: process.env.TOKEN, clusterId: process.env.CLUSTER });
    console.log(await users.list());`,
};

export async function measureBundles(): Promise<BundleFigures> {
  const sizes: BundleFigures["sizes"] = {};
  for (const [name, contents] of Object.entries(SERVICES)) {
    const result = await build({
      stdin: { contents, resolveDir: new URL(".", import.meta.url).pathname, loader: "js" },
      bundle: true,
      minify: true,
      format: "esm",
      platform: "node",
      target: "node20",
      write: false,
    });
    const code = result.outputFiles[0]?.contents ?? new Uint8Array();
    sizes[name] = { minified: code.byteLength, gzipped: gzipSync(code, { level: 9 }).byteLength };
  }
  const direct = sizes["@dbusers/client-digitalocean"]?.gzipped ?? Number.NaN;
  const facade = sizes["@dbusers/sdk/digitalocean"]?.gzipped ?? Number.NaN;
  return { sizes, facadeBundleRatio: Math.round((facade / direct) * 1000) / 1000 };
}
