// What a maintainer and a service wait for: `pnpm generate` for every spec, a `pnpm build` that turbo
// serves entirely from its cache, and the cold import of the facade and of one client in a new Node.
import { execFileSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { median } from "./stats.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const NODE = process.execPath;
const TURBO = path.join(ROOT, "node_modules/.bin/turbo");

export interface ToolchainFigures {
  generateMs: number;
  cachedBuildMs: number;
}

// turbo runs each package's script through pnpm: both must be on PATH, as `pnpm bench` puts them.
const ENV = {
  ...process.env,
  PATH: [path.join(ROOT, "node_modules/.bin"), process.env.PATH].join(path.delimiter),
};

function timed(command: string, args: string[], cwd: string): number {
  const started = performance.now();
  execFileSync(command, args, { cwd, stdio: "ignore", env: ENV });
  return Math.round(performance.now() - started);
}

/** `tools/generate.ts --all`, then `turbo run build` twice: the second run is the cached one. */
export function measureToolchain(): ToolchainFigures {
  const generateMs = timed(NODE, ["tools/generate.ts", "--all"], ROOT);
  timed(TURBO, ["run", "build", "--output-logs=none"], ROOT);
  const cachedBuildMs = timed(TURBO, ["run", "build", "--output-logs=none"], ROOT);
  return { generateMs, cachedBuildMs };
}

/** Median time, over `runs` new Node processes, to import each module (from the bench package). */
export function measureColdImports(modules: readonly string[], runs: number): Record<string, number> {
  const script =
    "const t = performance.now(); await import(process.argv[1]); console.log(performance.now() - t);";
  return Object.fromEntries(
    modules.map((name) => {
      const times = Array.from({ length: runs }, () =>
        Number(
          execFileSync(NODE, ["--input-type=module", "-e", script, name], { cwd: path.join(ROOT, "bench") }),
        ),
      );
      return [name, Math.round(median(times) * 10) / 10];
    }),
  );
}
