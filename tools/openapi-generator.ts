// Makes sure the openapi-generator JAR pinned in openapitools.json is in its storage folder, so that the
// npm wrapper (@openapitools/openapi-generator-cli) finds it and never downloads anything itself.
// The JAR is fetched once with Maven (`mvn dependency:copy`, which also caches it in ~/.m2) and reused.
//
//   node tools/openapi-generator.ts    prints the JAR's path, fetching it when absent
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from "node:fs";
import path from "node:path";
import { fromRoot } from "./specs.ts";

export interface GeneratorJar {
  /** openapi-generator version, from `generator-cli.version` in openapitools.json. */
  readonly version: string;
  /** Absolute path of `<storageDir>/<version>.jar`. */
  readonly jarPath: string;
  /** Whether this call had to fetch it. */
  readonly fetched: boolean;
}

interface OpenapitoolsConfig {
  "generator-cli"?: { version?: string; storageDir?: string };
}

/** Reads the pinned version and the storage folder from openapitools.json at the repository root. */
export function readGeneratorConfig(): { version: string; storageDir: string } {
  const file = fromRoot("openapitools.json");
  const config = JSON.parse(readFileSync(file, "utf8")) as OpenapitoolsConfig;
  const version = config["generator-cli"]?.version;
  const storageDir = config["generator-cli"]?.storageDir;
  if (!version || !/^\d+\.\d+\.\d+$/.test(version)) {
    throw new Error(`${file}: "generator-cli.version" must be an exact version such as "7.25.0"`);
  }
  if (!storageDir) {
    throw new Error(`${file}: "generator-cli.storageDir" is required (e.g. ".cache/openapi-generator")`);
  }
  return { version, storageDir: fromRoot(storageDir) };
}

function requireCommand(command: string, args: string[], what: string): void {
  const result = spawnSync(command, args, { stdio: "ignore" });
  if (result.error || result.status !== 0) {
    throw new Error(
      `${what} is required to run openapi-generator but \`${command} ${args.join(" ")}\` failed` +
        (result.error ? ` (${result.error.message})` : ` (exit ${result.status})`) +
        `. Install it (Debian: apt-get install ${command === "java" ? "openjdk-17-jre-headless" : "maven"}).`,
    );
  }
}

/** Returns the JAR, fetching it with Maven into the storage folder when it is absent. */
export function ensureGeneratorJar(): GeneratorJar {
  const { version, storageDir } = readGeneratorConfig();
  const jarPath = path.join(storageDir, `${version}.jar`);
  requireCommand("java", ["-version"], "Java (17 or later)");
  if (existsSync(jarPath)) return { version, jarPath, fetched: false };

  requireCommand("mvn", ["-v"], "Maven (to fetch the openapi-generator JAR)");
  mkdirSync(storageDir, { recursive: true });
  // Download into a private folder next to the target, then rename: concurrent runs never see half a JAR.
  const staging = mkdtempSync(path.join(storageDir, ".fetch-"));
  try {
    const artifact = `org.openapitools:openapi-generator-cli:${version}`;
    console.error(`Fetching ${artifact} with Maven into ${storageDir}`);
    const result = spawnSync(
      "mvn",
      [
        "-q",
        "-B",
        "-Dstyle.color=never",
        "dependency:copy",
        `-Dartifact=${artifact}`,
        `-DoutputDirectory=${staging}`,
      ],
      // Maven's output is kept for the error message only (even with -q it prints terminal escapes).
      { stdio: ["ignore", "pipe", "pipe"], encoding: "utf8" },
    );
    const downloaded = path.join(staging, `openapi-generator-cli-${version}.jar`);
    if (result.error || result.status !== 0 || !existsSync(downloaded)) {
      throw new Error(
        `Could not fetch ${artifact} with Maven (exit ${result.status ?? result.error?.message}). ` +
          `Check that Maven Central is reachable, or put the JAR at ${jarPath} yourself.\n` +
          `${result.stdout}${result.stderr}`.trim(),
      );
    }
    renameSync(downloaded, jarPath);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return { version, jarPath, fetched: true };
}

if (import.meta.main) {
  try {
    const jar = ensureGeneratorJar();
    console.log(`openapi-generator ${jar.version}: ${jar.jarPath}${jar.fetched ? " (fetched)" : ""}`);
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
}
