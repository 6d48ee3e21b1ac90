// `startSimulator({ databases })`: the servers the simulator's vendor modules use, started (embedded
// PostgreSQL) or reached (URLs) before the vendors are created, and stopped after them.
import { type EmbeddedPostgres, startEmbeddedPostgres } from "./embedded-postgres.ts";
import { maskedUrl } from "./masked-url.ts";
import { connectMysql } from "./mysql.ts";
import { connectPostgres } from "./postgres.ts";
import type {
  DatabaseEngine,
  DatabaseServer,
  DatabaseServers,
  DatabaseServersInfo,
  DatabasesOption,
  PostgresCluster,
} from "./types.ts";

export interface RunningDatabases {
  readonly servers: DatabaseServers;
  /** Where they are, passwords masked (`sim.databases`). */
  readonly info: DatabaseServersInfo;
  /**
   * Engines whose server the simulator started itself and throws away on `close`, data folder and all:
   * nothing on it needs dropping first.
   */
  readonly embedded: ReadonlySet<DatabaseEngine>;
  /** Disconnects from every server, and stops (and removes) the embedded one. */
  close(): Promise<void>;
}

export async function startDatabases(option: DatabasesOption): Promise<RunningDatabases> {
  const wanted = option === "embedded" ? { postgres: "embedded" } : option;
  const started: DatabaseServer[] = [];
  let embedded: EmbeddedPostgres | undefined;
  const close = async (): Promise<void> => {
    // Every server is closed even if one fails to; the first failure is reported.
    const results = await Promise.allSettled(started.map((server) => server.close()));
    if (embedded) results.push(...(await Promise.allSettled([embedded.stop()])));
    const failed = results.find((result) => result.status === "rejected");
    if (failed) throw failed.reason;
  };
  try {
    let postgres: DatabaseServer<PostgresCluster> | undefined;
    if (wanted.postgres !== undefined) {
      if (wanted.postgres === "embedded") embedded = await startEmbeddedPostgres();
      postgres = await connectPostgres(embedded?.url ?? wanted.postgres);
      started.push(postgres);
    }
    const mysql = wanted.mysql === undefined ? undefined : await connectMysql(wanted.mysql);
    if (mysql) started.push(mysql);
    const info: DatabaseServersInfo = {
      ...(wanted.postgres !== undefined && {
        postgres: embedded
          ? { url: maskedUrl(embedded.url), folder: embedded.folder }
          : { url: maskedUrl(wanted.postgres) },
      }),
      ...(wanted.mysql !== undefined && { mysql: { url: maskedUrl(wanted.mysql) } }),
    };
    return {
      servers: { ...(postgres && { postgres }), ...(mysql && { mysql }) },
      info,
      embedded: new Set<DatabaseEngine>(embedded ? ["postgres"] : []),
      close,
    };
  } catch (error) {
    await close().catch(() => {});
    throw error;
  }
}
