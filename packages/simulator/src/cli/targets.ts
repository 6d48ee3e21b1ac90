// The demo seed's clusters (addons, server groups, accounts) of every vendor, as the CLI prints them: the
// ids a client is configured with, the users, and for those on a real server how the users log in. What to
// list is each vendor module's `targets` hook (`sim.targets()`); this file only formats, the same way for
// every vendor.
import type { SimulatorTarget } from "../framework/server.ts";
import type { VendorTarget } from "../framework/types.ts";
import { DEFAULT_TOKEN, type Simulator } from "../simulator.ts";

/** Stands for a user's name in the login lines. */
const NAME = "<name>";
/** Under the vendor column of the URL lines. */
const INDENT = " ".repeat(17);

/** `users log in as c1a2b3c4d_<name> to postgres://host:port/c1a2b3c4d_defaultdb`, for a target on a real server. */
async function loginLine({ login }: VendorTarget): Promise<string[]> {
  // Rejects for a target kept in memory (or one the server refused, which the log explains).
  const connection = await login?.connection(NAME).catch(() => undefined);
  if (!login || !connection) return [];
  const { user, host, port, database } = connection;
  return [`${INDENT}users log in as ${user} to ${login.engine}://${host}:${port}/${database}`];
}

async function targetLines({ vendor, target }: SimulatorTarget): Promise<string[]> {
  const ids = Object.entries(target.ids).map(([name, id]) => `${name}: ${id}`);
  return [
    `  ${vendor.padEnd(14)} ${target.label}`,
    `${INDENT}${ids.join("  ")}`,
    `${INDENT}users: ${target.users.join(", ")}`,
    ...(await loginLine(target)),
  ];
}

export async function demoLines(sim: Simulator): Promise<string[]> {
  const listed = sim.targets();
  const lines = ["", "Demo seed (what a client is configured with):"];
  for (const target of await Promise.all(listed.map(targetLines))) lines.push(...target);
  const tried = listed.find(({ target }) => target.example);
  if (tried?.target.example) {
    const urls: Readonly<Record<string, string>> = sim.urls;
    const baseUrl = urls[tried.vendor] ?? "";
    lines.push("", "Try:", `  ${tried.target.example(baseUrl, DEFAULT_TOKEN)}`);
  }
  return lines;
}
