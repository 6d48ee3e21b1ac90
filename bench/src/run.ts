// `pnpm bench`: runs the benchmarks, prints their tables and writes bench/results.json.
//   --quick       a smoke run (short timings): checks that every benchmark runs; figures are not meaningful
//   --out <file>  where to write the results (default bench/results.json)
import { writeFileSync } from "node:fs";
import os from "node:os";
import { parseArgs } from "node:util";
import { measureBundles } from "./bundle-size.ts";
import { measureCreateCost } from "./create-cost.ts";
import { measurePagination } from "./pagination.ts";
import { measurePerCall } from "./per-call.ts";
import { measureSharedThrottle } from "./shared-throttle.ts";
import { measureColdImports, measureToolchain } from "./toolchain.ts";

const { values } = parseArgs({
  options: { quick: { type: "boolean", default: false }, out: { type: "string" } },
});
const quick = values.quick ?? false;
const out = values.out ?? new URL("../results.json", import.meta.url).pathname;

const perCallOptions = quick
  ? { calls: 30, warmup: 10, rounds: 1 }
  : { calls: 1_000, warmup: 500, rounds: 5 };
const perCall = await measurePerCall(perCallOptions);

console.log(
  `Per-call cost against a loopback server (median of ${perCallOptions.calls} calls each, taking turns; ` +
    `median of ${perCallOptions.rounds} rounds)`,
);
console.table(
  Object.entries(perCall.medianUs).map(([contender, us]) => ({
    contender,
    "median µs": us,
    "× bare fetch": Math.round((us / (perCall.medianUs.fetch ?? us)) * 100) / 100,
  })),
);
console.log(
  `adapter list() / bare openapi-fetch: ${perCall.adapterOverOpenapiFetch.toFixed(3)}× (goal: 1.10)`,
);
console.log(`facade list() / bare openapi-fetch: ${perCall.facadeOverOpenapiFetch.toFixed(3)}× (goal: 1.05)`);

const sharedThrottleOptions = quick ? { calls: 30, warmup: 10 } : { calls: 5_000, warmup: 500 };
const sharedThrottle = await measureSharedThrottle(sharedThrottleOptions);
console.log(
  `\nThe quota shared on Redis: the raw client's per-call cost (median of ${sharedThrottleOptions.calls} calls each, taking turns)`,
);
console.table({
  "local throttle": { "median µs": sharedThrottle.medianUs.local, "× local": 1 },
  "+ Redis quota": { "median µs": sharedThrottle.medianUs.redis, "× local": sharedThrottle.redisOverLocal },
});

// A turbo build inside the test suite's own turbo run would fight it for its cache: a smoke run skips it.
const toolchain = quick ? undefined : measureToolchain();
const coldImportMs = measureColdImports(["@dbusers/sdk", "@dbusers/client-digitalocean"], quick ? 1 : 5);
console.log("\nToolchain and start-up (median, ms)");
console.table({
  "pnpm generate (every spec)": toolchain?.generateMs ?? "not measured in --quick",
  "pnpm build, fully cached": toolchain?.cachedBuildMs ?? "not measured in --quick",
  ...Object.fromEntries(Object.entries(coldImportMs).map(([name, ms]) => [`cold import ${name}`, ms])),
});

const bundles = await measureBundles();
console.log("\nA one-vendor service's bundle (size-limit: esbuild, minified; gzip -9)");
console.table(
  Object.entries(bundles.sizes).map(([entry, size]) => ({
    "service imports": entry,
    "min kB": kB(size.minified),
    "gzip kB": kB(size.gzipped),
  })),
);
console.log(`facade per-vendor entry / client package (gzipped): ${bundles.facadeBundleRatio.toFixed(3)}×`);
// A smoke run lists fewer users; the latency per page is the same.
const pagination = await measurePagination(
  quick
    ? { users: 300, latencyMs: 50, concurrencies: [8], rounds: 1 }
    : { users: 10_000, latencyMs: 50, concurrencies: [8], rounds: 3 },
);

console.log(
  `\nListing ${pagination.users} Cloud66 users (${pagination.pages} pages of 30) with ${pagination.latencyMs} ms ` +
    `of latency per page (median of ${quick ? 1 : 3} runs)`,
);
const sequentialMs = pagination.medianMs[1] ?? Number.NaN;
console.table(
  Object.entries(pagination.medianMs).map(([concurrency, ms]) => ({
    pages: concurrency === "1" ? "one after another" : `${concurrency} at a time`,
    "median ms": ms,
    "× faster": Math.round((sequentialMs / ms) * 100) / 100,
  })),
);
console.log(`adapter default (4 pages at a time) / one after another: ${pagination.speedup}× faster`);

const createOptions = quick
  ? { creates: 2, latencyMs: 5, cloud66Users: 30 }
  : { creates: 30, latencyMs: 20, cloud66Users: 300 };
const createCost = await measureCreateCost(createOptions);
console.log(
  `\nWhat proving a name free costs a create, through the facade (median of ${createOptions.creates} creates, ` +
    `${createOptions.latencyMs} ms of latency per request; the Cloud66 group holds ${createOptions.cloud66Users} users)`,
);
console.table(
  Object.entries(createCost).map(([vendor, cost]) => ({
    vendor,
    "requests per create": cost.requestsPerCreate,
    "of which the proof": cost.proofRequests,
    "create ms": cost.createMs,
    "proof ms": cost.proofMs,
    "proof / create": cost.proofShare,
  })),
);

const results = {
  date: new Date().toISOString(),
  quick,
  machine: {
    cpus: os.cpus().length,
    cpu: os.cpus()[0]?.model,
    node: process.version,
    platform: process.platform,
  },
  openapiFetchOverheadRatio: perCall.openapiFetchOverheadRatio,
  rawClientOverheadRatio: perCall.rawClientOverheadRatio,
  adapterOverheadRatio: perCall.adapterOverheadRatio,
  perCallMedianUs: perCall.medianUs,
  facadeOverheadRatio: perCall.facadeOverheadRatio,
  adapterOverOpenapiFetch: perCall.adapterOverOpenapiFetch,
  facadeOverOpenapiFetch: perCall.facadeOverOpenapiFetch,
  facadeBundleRatio: bundles.facadeBundleRatio,
  sharedThrottle,
  generateMs: toolchain?.generateMs ?? null,
  cachedBuildMs: toolchain?.cachedBuildMs ?? null,
  coldImportMs,
  bundleBytes: bundles.sizes,
  createCost,
  paginationSpeedup: pagination.speedup,
  pagination: {
    users: pagination.users,
    pages: pagination.pages,
    latencyMs: pagination.latencyMs,
    medianMsByConcurrency: pagination.medianMs,
  },
};
writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
console.log(`written: ${out}`);

function kB(bytes: number): number {
  return Math.round(bytes / 100) / 10;
}
