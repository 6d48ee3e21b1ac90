// One vendor's side of the replicas table: the simulator with the vendor's rate limits on (time-scaled),
// N replica processes of one service sharing one vendor account, with the shared Redis or without it.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { CLOUD66_RATE_LIMITS } from "@dbusers/client-cloud66";
import { DIGITALOCEAN_RATE_LIMITS } from "@dbusers/client-digitalocean";
import { SCALINGO_RATE_LIMITS } from "@dbusers/client-scalingo";
import type { RateWindow } from "@dbusers/core";
import type { ProviderName } from "@dbusers/sdk";
import { DEFAULT_TOKEN, type Simulator, startSimulator } from "@dbusers/simulator";
import { seededTargets, simulatedConfig } from "../demo/simulated-configs.ts";
import type { ReplicaResult, ReplicaTask } from "./replica-result.ts";

/** The rate every vendor's binding window is scaled to, in requests a second: well within one machine. */
const TARGET_RATE = 120;

/**
 * The windows the clients keep to. HostUp documents none (the client learns it from the first refusal);
 * the replicas are given the one its refusals name (120 a minute), as a service that knows it would.
 */
const DOCUMENTED: Record<ProviderName, readonly RateWindow[]> = {
  digitalocean: DIGITALOCEAN_RATE_LIMITS,
  scalingo: SCALINGO_RATE_LIMITS,
  cloud66: CLOUD66_RATE_LIMITS,
  hostup: [{ limit: 120, windowMs: 60_000 }],
};

export interface VendorRun {
  provider: ProviderName;
  replicas: number;
  /** Operations per replica. */
  operations: number;
  redisUrl?: string;
}

export interface VendorRow {
  provider: ProviderName;
  shared: boolean;
  throttled: number;
  failed: number;
  /** Users a replica created and kept that the vendor does not have. */
  lost: number;
  /** Names the vendor has more than once. */
  duplicated: number;
  /** Users deleted by a replica that the vendor still has. */
  leftover: number;
  requests: number;
  /** Mean requests per complete window ÷ the window's limit, for the window used the most. */
  quotaUse: number | undefined;
  seconds: number;
  /** From the first answer to the last. */
  spanSeconds: number;
  warnings: number;
  failures: string[];
}

/**
 * The simulator's time scale that puts the vendor's tightest window at TARGET_RATE requests a second:
 * the one with the smallest limit (DigitalOcean's 250 a minute, not its 5,000 an hour, which a run of a
 * few thousand requests never fills).
 */
function timeScale(provider: ProviderName): number {
  const [tightest] = [...DOCUMENTED[provider]].sort((a, b) => a.limit - b.limit);
  if (!tightest) throw new Error(`${provider} has no window to scale`);
  return Math.ceil(TARGET_RATE / 1000 / (tightest.limit / tightest.windowMs));
}

function vendorNames(sim: Simulator, provider: ProviderName): string[] {
  const targets = seededTargets();
  switch (provider) {
    case "digitalocean":
      return sim.digitalocean.listUsers(targets.digitalocean.clusterId).map((user) => user.name);
    case "scalingo":
      return sim.scalingo.listUsers(targets.scalingo.addonId).map((user) => user.name);
    case "cloud66":
      return sim.cloud66
        .listUsers(targets.cloud66.stackId, targets.cloud66.serverGroupId)
        .map((user) => user.username);
    case "hostup":
      return sim.hostup.listUsers(targets.hostup.accountId).map((user) => user.username);
  }
}

function clientConfig(provider: ProviderName, sim: Simulator): ReplicaTask["config"] {
  if (provider === "scalingo") {
    // A Database API token used as it is: every replica sends the same credential, as they would share
    // an API token's account. (Exchanged tokens differ per replica: give `sharedQuota.key` then.)
    const { addonId } = seededTargets().scalingo;
    return { provider, token: DEFAULT_TOKEN, dbApiUrl: sim.urls.scalingo, databaseId: addonId };
  }
  const { logger: _logger, ...config } = simulatedConfig(provider, sim, {});
  return config;
}

/** Requests per complete window ÷ limit, the most used window's; undefined if the run is shorter than all. */
function quotaUse(times: number[], windows: readonly RateWindow[]): number | undefined {
  const first = times[0];
  const last = times.at(-1);
  if (first === undefined || last === undefined) return undefined;
  let best: number | undefined;
  for (const { limit, windowMs } of windows) {
    const complete = Math.floor((last - first) / windowMs);
    if (complete < 1) continue;
    const counted = times.filter((at) => at < first + complete * windowMs).length;
    best = Math.max(best ?? 0, counted / complete / limit);
  }
  return best;
}

export async function runVendor(run: VendorRun): Promise<VendorRow> {
  const { provider, replicas, operations, redisUrl } = run;
  const scale = timeScale(provider);
  const windows = DOCUMENTED[provider].map(({ limit, windowMs }) => ({ limit, windowMs: windowMs / scale }));
  const sim = await startSimulator({
    seed: "demo",
    rateLimitTimeScale: scale,
    instantActions: true,
    logger: false,
  });
  try {
    const startedAt = performance.now();
    const prefix = `replicas-${process.pid}-${Date.now()}:`;
    const child = fileURLToPath(new URL("replica.ts", import.meta.url));
    const results = await Promise.all(
      Array.from({ length: replicas }, async (_, replica) => {
        const task: ReplicaTask = {
          provider,
          replica,
          operations,
          config: clientConfig(provider, sim),
          windows,
          prefix,
          ...(redisUrl && { redisUrl }),
        };
        const process_ = spawn(process.execPath, [child, JSON.stringify(task)], {
          stdio: ["ignore", "pipe", "inherit"],
        });
        let output = "";
        process_.stdout.on("data", (chunk: Buffer) => {
          output += chunk.toString();
        });
        const [code] = await once(process_, "exit");
        if (code !== 0) throw new Error(`replica ${replica} (${provider}) exited with ${code}`);
        return JSON.parse(output) as ReplicaResult;
      }),
    );
    const seconds = (performance.now() - startedAt) / 1000;
    const names = vendorNames(sim, provider);
    const count = new Map<string, number>();
    for (const name of names) count.set(name, (count.get(name) ?? 0) + 1);
    const answers = results.flatMap((result) => result.answers);
    const accepted = answers.filter((answer) => !answer.throttled).map((answer) => answer.at);
    accepted.sort((a, b) => a - b);
    return {
      provider,
      shared: redisUrl !== undefined,
      throttled: answers.length - accepted.length,
      failed: results.reduce((sum, result) => sum + result.failures.length, 0),
      lost: results.flatMap((result) => result.kept).filter((name) => !count.has(name)).length,
      duplicated: [...count.values()].filter((n) => n > 1).length,
      leftover: results.flatMap((result) => result.deleted).filter((name) => count.has(name)).length,
      requests: answers.length,
      quotaUse: quotaUse(accepted, windows),
      seconds,
      spanSeconds: ((accepted.at(-1) ?? 0) - (accepted[0] ?? 0)) / 1000,
      warnings: results.reduce((sum, result) => sum + result.warnings.length, 0),
      failures: results.flatMap((result) => result.failures).slice(0, 5),
    };
  } finally {
    await sim.close();
  }
}
