// What the CLI prints once it listens: the vendors' URLs, the demo token, where the real databases are
// (passwords masked) and, for the demo seed, every vendor's ids and how their users log in (targets.ts).
import { DEFAULT_TOKEN, type Simulator } from "../simulator.ts";
import { demoLines } from "./targets.ts";

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
