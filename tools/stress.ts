// `pnpm test:stress [--runs N]`: runs every package's tests (turbo, uncached, with a MariaDB of their
// own) while two CPU-burning processes keep both cores busy, as on a loaded CI machine; N times in a row
// (default 3), stopping at the first failure. The burners are this script's own children, stopped by
// their pids when the runs end, fail or are interrupted. Not part of CI: it proves that no test races
// the clock (tests count what was sent or use injected clocks), and prints each run's duration.
import { type ChildProcess, spawn } from "node:child_process";
import { availableParallelism } from "node:os";

const runsArgument = process.argv.indexOf("--runs");
const runs = runsArgument === -1 ? 3 : Number(process.argv[runsArgument + 1]);
if (!Number.isInteger(runs) || runs < 1) {
  process.stderr.write("usage: node tools/stress.ts [--runs N]\n");
  process.exit(2);
}

/** One spinning process per core: the busiest a shared 2-core machine gets. */
const burners: ChildProcess[] = Array.from({ length: availableParallelism() }, () =>
  spawn(process.execPath, ["-e", "for (;;) {}"], { stdio: "ignore" }),
);
let suite: ChildProcess | undefined;

function stopAll(): void {
  for (const burner of burners) if (burner.exitCode === null) burner.kill("SIGKILL");
  if (suite?.exitCode === null) suite.kill("SIGTERM");
}
process.on("exit", stopAll);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    stopAll();
    process.exit(130);
  });
}

function runSuite(): Promise<number> {
  return new Promise((resolve) => {
    suite = spawn(
      process.execPath,
      ["tools/mariadb/with-mariadb.ts", "turbo", "run", "test", "--force", "--output-logs=errors-only"],
      { stdio: "inherit" },
    );
    suite.on("exit", (code) => resolve(code ?? 1));
  });
}

const durations: number[] = [];
for (let run = 1; run <= runs; run++) {
  const started = performance.now();
  const code = await runSuite();
  const seconds = (performance.now() - started) / 1000;
  durations.push(seconds);
  process.stdout.write(
    `\ntest:stress run ${run}/${runs}: ${code === 0 ? "passed" : "FAILED"} in ${seconds.toFixed(1)} s\n`,
  );
  if (code !== 0) {
    stopAll();
    process.exit(code);
  }
}
process.stdout.write(
  `test:stress: ${runs} runs in a row passed (${durations.map((s) => `${s.toFixed(1)} s`).join(", ")}) with ${burners.length} cores kept busy\n`,
);
stopAll();
