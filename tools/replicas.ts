// `pnpm replicas` (node tools/replicas.ts [--operations N] [--replicas N] [--vendor name]): N processes
// of one service (4 by default) × operations each (500) against the simulator with the vendors' rate
// limits on (time-scaled), with one shared Redis, then each on its own. Prints per vendor: throttled
// answers, lost / duplicated / left-over users (from the simulator's state), and quota use.
import { parseArgs } from "node:util";
import { PROVIDERS, type ProviderName } from "@dbusers/sdk";
import { startRedis } from "./redis/server.ts";
import { REDIS_URL_VARIABLE } from "./redis/variable.ts";
import { runVendor, type VendorRow } from "./replicas/run-vendor.ts";

const { values } = parseArgs({
  options: {
    operations: { type: "string", default: "500" },
    replicas: { type: "string", default: "4" },
    vendor: { type: "string", multiple: true },
  },
});
const operations = Number(values.operations);
const replicas = Number(values.replicas);
const vendors = (values.vendor ?? PROVIDERS) as ProviderName[];

const given = process.env[REDIS_URL_VARIABLE];
const redis = given ? undefined : await startRedis();
const redisUrl = given ?? redis?.url ?? "";
const percent = (value: number | undefined) =>
  value === undefined ? "n/a" : `${(value * 100).toFixed(1)} %`;
try {
  process.stdout.write(
    `${replicas} replicas × ${operations} operations per vendor, vendor rate limits on (time-scaled)\n\n` +
      "| vendor | Redis | throttled answers | lost | duplicated | left over | failed | requests | quota use | seconds | warnings |\n" +
      "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n",
  );
  const rows: VendorRow[] = [];
  for (const provider of vendors) {
    for (const shared of [true, false]) {
      const row = await runVendor({ provider, replicas, operations, ...(shared && { redisUrl }) });
      rows.push(row);
      process.stdout.write(
        `| ${provider} | ${shared ? "shared" : "none"} | ${row.throttled} | ${row.lost} | ${row.duplicated} | ` +
          `${row.leftover} | ${row.failed} | ${row.requests} | ${percent(row.quotaUse)} | ${row.seconds.toFixed(1)} (${row.spanSeconds.toFixed(1)}) | ${row.warnings} |\n`,
      );
      for (const failure of row.failures) process.stdout.write(`  failed: ${failure}\n`);
    }
  }
} finally {
  await redis?.stop();
}
