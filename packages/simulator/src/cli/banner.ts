// What the CLI prints once it listens: the vendors' URLs, the demo token, where the real databases are
// (passwords masked) and, for the demo seed, DigitalOcean's clusters with how their users log in.
import { DEFAULT_TOKEN, type Simulator } from "../simulator.ts";

/** Stands for a user's name in the login lines. */
const NAME = "<name>";

function databaseLines(sim: Simulator): string[] {
  const servers = Object.entries(sim.databases);
  if (servers.length === 0) return [];
  return [
    "",
    "Real databases (the simulated users of PostgreSQL and MySQL clusters log in there):",
    ...servers.map(
      ([engine, { url, folder }]) =>
        `  ${engine.padEnd(14)} ${url}${folder ? `  (embedded, data in ${folder}, removed on exit)` : ""}`,
    ),
  ];
}

/** How a cluster's users log in, for a cluster on a real server: `c1a2b3c4d_<name>` to `postgres://…/c1a2b3c4d_defaultdb`. */
async function loginLines(sim: Simulator, clusterId: string, engine: string): Promise<string[]> {
  // Rejects for a cluster kept in memory (or one the server refused, which the log explains).
  const connection = await sim.digitalocean.connection(clusterId, NAME).catch(() => undefined);
  if (!connection) return [];
  const scheme = engine === "pg" ? "postgres" : "mysql";
  const { user, host, port, database } = connection;
  return [`         users log in as ${user} to ${scheme}://${host}:${port}/${database}`];
}

async function demoLines(sim: Simulator): Promise<string[]> {
  const lines = ["", "DigitalOcean demo clusters:"];
  const clusters = sim.digitalocean.listClusters();
  for (const cluster of clusters) {
    lines.push(
      `  ${cluster.engine.padEnd(6)} ${cluster.id}  ${cluster.name}  users: ${cluster.users.map((u) => u.name).join(", ")}`,
      ...(await loginLines(sim, cluster.id, cluster.engine)),
    );
  }
  const first = clusters[0];
  if (first) {
    lines.push(
      "",
      "Try:",
      `  curl -H "Authorization: Bearer ${DEFAULT_TOKEN}" ${sim.urls.digitalocean}/v2/databases/${first.id}/users`,
    );
  }
  return lines;
}

export async function banner(sim: Simulator, seed: "demo" | "empty"): Promise<string> {
  const lines = [
    `dbusers simulator listening on ${sim.url}`,
    ...Object.entries(sim.urls).map(([vendor, url]) => `  ${vendor.padEnd(14)} ${url}`),
    ...databaseLines(sim),
    "",
    `Demo token (every scope): ${DEFAULT_TOKEN}`,
    ...(seed === "demo" ? await demoLines(sim) : []),
  ];
  return `${lines.join("\n")}\n\n`;
}
