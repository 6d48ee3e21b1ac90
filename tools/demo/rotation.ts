// `pnpm demo --rotation`: the proof that alternating rotation needs no downtime. The simulator runs on real
// servers (an embedded PostgreSQL; MariaDB for HostUp), and on each vendor a credential is rotated
// `rotations` times while `clients` clients read CURRENT from the store and log in continuously, once
// rotating in place (resetPassword) and once alternating (@dbusers/rotation). Each login is counted.
import { setTimeout as sleep } from "node:timers/promises";
import { createMemoryStore, createRotation, type Rotation, type RotationStrategy } from "@dbusers/rotation";
import { createDatabaseUsers, type DatabaseUsersConfig, type ProviderName, type Secret } from "@dbusers/sdk";
import {
  type DatabaseConnection,
  type DatabaseEngine,
  DEFAULT_TOKEN,
  type Simulator,
  startSimulator,
} from "@dbusers/simulator";
import { startMariaDb } from "../mariadb/server.ts";
import { MYSQL_URL_VARIABLE } from "../mariadb/variable.ts";
import { currentUser } from "./logins.ts";

export interface RotationDemoOptions {
  providers: readonly ProviderName[];
  rotations: number;
  clients: number;
  /** Told when a vendor is done. */
  progress?(provider: ProviderName, inPlace: RotationCount, alternating: RotationCount): void;
}

export interface RotationCount {
  rotations: number;
  logins: number;
  failed: number;
}

const ORIGINAL = "appuser1";
const ORIGINAL_PASSWORD = "Demo-original-password-0123456789";
const FAILED_LOGIN_PAUSE_MS = 20;
const FAST = { retry: { baseDelayMs: 20, maxDelayMs: 200 } };

/** One credential on one vendor, on a real server: the adapter's config and where a user logs in. */
interface Target {
  engine: DatabaseEngine;
  config: DatabaseUsersConfig;
  twin: Parameters<typeof createRotation>[0]["twin"];
  where(name: string): Promise<DatabaseConnection>;
}

function addTarget(sim: Simulator, provider: ProviderName): Target {
  const user = { password: ORIGINAL_PASSWORD };
  switch (provider) {
    case "digitalocean": {
      const cluster = sim.digitalocean.addCluster({ engine: "pg", users: [{ name: ORIGINAL, ...user }] });
      return {
        engine: "postgres",
        config: {
          provider,
          token: DEFAULT_TOKEN,
          clusterId: cluster.id,
          baseUrl: sim.urls.digitalocean,
          ...FAST,
        },
        twin: {},
        where: (name) => sim.digitalocean.connection(cluster.id, name),
      };
    }
    case "scalingo": {
      const database = sim.scalingo.addDatabase({ users: [{ name: ORIGINAL, ...user }] });
      return {
        engine: "postgres",
        config: {
          provider,
          apiToken: DEFAULT_TOKEN,
          appId: database.appId,
          addonId: database.id,
          baseUrl: sim.urls.scalingo,
          ...FAST,
        },
        twin: {},
        where: (name) => sim.scalingo.connection(database.id, name),
      };
    }
    case "cloud66": {
      const database = { uid: "db_rotation", name: "app_production" };
      const stack = sim.cloud66.addStack({
        serverGroups: [{ name: "postgresql", engine: "postgresql", databases: [database] }],
        actions: { afterMs: 0 },
      });
      const groupId = stack.serverGroups[0]?.id ?? 0;
      sim.cloud66.addUser(stack.uid, groupId, { username: ORIGINAL, database_ids: [database.uid], ...user });
      return {
        engine: "postgres",
        config: {
          provider,
          token: DEFAULT_TOKEN,
          stackId: stack.uid,
          serverGroupId: groupId,
          baseUrl: sim.urls.cloud66,
          wait: { minDelayMs: 5, maxDelayMs: 50 },
          ...FAST,
        },
        twin: { create: { databases: [database.uid] } },
        where: (name) => sim.cloud66.connection(stack.uid, groupId, name, database.name),
      };
    }
    case "hostup": {
      const database = "abcde_shop";
      const privileges = { [database]: ["SELECT", "INSERT", "UPDATE", "DELETE"] as const };
      const account = sim.hostup.addAccount({
        databases: [database],
        users: [{ username: ORIGINAL, privileges, ...user }],
      });
      return {
        engine: "mysql",
        config: { provider, token: DEFAULT_TOKEN, accountId: account.id, baseUrl: sim.urls.hostup, ...FAST },
        // HostUp does not report privileges: the twin gets those the credential is declared to hold.
        twin: { privileges },
        where: (name) => sim.hostup.connection(account.id, name, database),
      };
    }
  }
}

/**
 * The logins in flight, by the promotion they began after: PREVIOUS is retired only once every login
 * that may have read it has ended (what a pool's eviction does in `onPromoted` and `drained`).
 */
class LoginsInFlight {
  #promotions = 0;
  readonly #open = new Map<number, number>();
  #waiters: Array<() => void> = [];

  begin(): () => void {
    const epoch = this.#promotions;
    this.#open.set(epoch, (this.#open.get(epoch) ?? 0) + 1);
    return () => {
      const left = (this.#open.get(epoch) ?? 1) - 1;
      if (left === 0) this.#open.delete(epoch);
      else this.#open.set(epoch, left);
      for (const wake of this.#waiters.splice(0)) wake();
    };
  }

  promoted(): void {
    this.#promotions += 1;
  }

  /** Resolves once no login begun before the last promotion is still running. */
  async drained(): Promise<void> {
    const before = this.#promotions;
    while ([...this.#open.keys()].some((epoch) => epoch < before)) {
      await new Promise<void>((resolve) => this.#waiters.push(resolve));
    }
  }
}

async function runOne(
  sim: Simulator,
  provider: ProviderName,
  strategy: RotationStrategy,
  options: RotationDemoOptions,
): Promise<RotationCount> {
  const target = addTarget(sim, provider);
  await sim.settled();
  const inFlight = new LoginsInFlight();
  const rotation: Rotation = createRotation({
    users: createDatabaseUsers(target.config),
    store: createMemoryStore(),
    credential: ORIGINAL,
    initialPassword: ORIGINAL_PASSWORD,
    strategy,
    twin: target.twin,
    // The drain is the logins in flight, counted, rather than a time to wait.
    drainMs: 0,
    drained: () => inFlight.drained(),
    onPromoted: () => inFlight.promoted(),
  });
  const count: RotationCount = { rotations: 0, logins: 0, failed: 0 };
  let done = false;
  const login = async (username: string, password: Secret) =>
    currentUser(target.engine, await target.where(username), password.reveal());
  const client = async () => {
    while (!done) {
      const end = inFlight.begin();
      try {
        const current = await rotation.current();
        if (!current) throw new Error("no CURRENT in the store");
        await login(current.username, current.password);
        count.logins += 1;
      } catch {
        count.failed += 1;
        // As a client backs off after a failed login; it also lets the rotation's own requests through.
        await sleep(FAILED_LOGIN_PAUSE_MS);
      } finally {
        end();
      }
    }
  };
  const clients = Array.from({ length: options.clients }, client);
  try {
    for (let i = 0; i < options.rotations; i++) {
      await rotation.rotate();
      count.rotations += 1;
    }
  } finally {
    done = true;
    await Promise.all(clients);
  }
  return count;
}

/** Runs both strategies on every vendor asked for; the counts per vendor and strategy. */
export async function rotationDemo(
  options: RotationDemoOptions,
): Promise<Map<ProviderName, Record<RotationStrategy, RotationCount>>> {
  const given = process.env[MYSQL_URL_VARIABLE];
  const mariadb = options.providers.includes("hostup") && !given ? await startMariaDb() : undefined;
  const mysql = given ?? mariadb?.url;
  const results = new Map<ProviderName, Record<RotationStrategy, RotationCount>>();
  try {
    const sim = await startSimulator({
      seed: "empty",
      logger: false,
      databases: { postgres: "embedded", ...(mysql && { mysql }) },
    });
    try {
      for (const provider of options.providers) {
        const inPlace = await runOne(sim, provider, "in-place", options);
        const alternating = await runOne(sim, provider, "alternating", options);
        options.progress?.(provider, inPlace, alternating);
        results.set(provider, { "in-place": inPlace, alternating });
      }
    } finally {
      await sim.close();
    }
  } finally {
    await mariadb?.stop();
  }
  return results;
}

/** One row per vendor: in place and alternating side by side. */
export function rotationTable(
  results: Map<ProviderName, Record<RotationStrategy, RotationCount>>,
): Record<string, Record<string, number>> {
  return Object.fromEntries(
    [...results].map(([provider, { "in-place": inPlace, alternating }]) => [
      provider,
      {
        "in-place rotations": inPlace.rotations,
        "in-place logins": inPlace.logins,
        "in-place failed": inPlace.failed,
        "alternating rotations": alternating.rotations,
        "alternating logins": alternating.logins,
        "alternating failed": alternating.failed,
      },
    ]),
  );
}
