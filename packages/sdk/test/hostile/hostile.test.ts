// Issue 20's hostile servers, each class played against every vendor through the facade: a proxy in
// front of the simulator that redirects to another origin, announces waits of hours or months, sends
// endless or deeply nested bodies, or pages that never end or repeat. Each case runs in a child
// process of its own (play-case.ts), so its memory growth is measured alone; every child stops by
// itself (its call is bounded) and is killed if it does not within CHILD_LIMIT_MS.
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { textTable } from "@dbusers/testing";
import { afterAll, describe, expect, it } from "vitest";
import { type CaseName, HOSTILE_CASES } from "./hostile-cases.ts";
import type { CaseReport } from "./play-case.ts";

const VENDORS = ["digitalocean", "scalingo", "cloud66", "hostup"] as const;
/** Vendors whose list comes in pages: the others list every user in one answer. */
const PAGED = new Set(["cloud66"]);
const PLAY_CASE = fileURLToPath(new URL("./play-case.ts", import.meta.url));
const CHILD_LIMIT_MS = 60_000;
/**
 * A call that does not hang settles in milliseconds; the limit is far above that, for a busy machine,
 * and far below what the hostile answers cost before (hours of waiting, or the 30 s attempt timeout).
 */
const SETTLE_LIMIT_MS = 15_000;
/** The body cap is 10 MiB; reading it as text and failing may take a few times that, never gigabytes. */
const MEMORY_LIMIT_BYTES = 96 * 1024 * 1024;

function play(vendor: string, name: CaseName): Promise<CaseReport> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ["--expose-gc", PLAY_CASE, vendor, name],
      { timeout: CHILD_LIMIT_MS, killSignal: "SIGKILL" },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`${vendor} ${name}: ${error.message}\n${stderr}`));
        else resolve(JSON.parse(stdout.trim().split("\n").at(-1) ?? "{}") as CaseReport);
      },
    );
  });
}

/** Two children at a time: the machine has two cores. */
function playAll(pairs: Array<[string, CaseName]>): Map<string, Promise<CaseReport>> {
  const results = new Map<string, Promise<CaseReport>>();
  const lanes: Array<Promise<unknown>> = [Promise.resolve(), Promise.resolve()];
  pairs.forEach(([vendor, name], i) => {
    const lane = i % lanes.length;
    const run = (lanes[lane] as Promise<unknown>).then(() => play(vendor, name));
    // The next case in this lane starts once this one ended, whatever its end.
    lanes[lane] = run.then(
      () => undefined,
      () => undefined,
    );
    results.set(`${vendor} ${name}`, run);
  });
  return results;
}

const pairs = VENDORS.flatMap((vendor) =>
  (Object.keys(HOSTILE_CASES) as CaseName[])
    .filter((name) => !HOSTILE_CASES[name].pagedOnly || PAGED.has(vendor))
    .map((name): [string, CaseName] => [vendor, name]),
);
const reports = playAll(pairs);
const table: string[][] = [];

afterAll(() => {
  const rows = table.sort((a, b) => (a[0] ?? "").localeCompare(b[0] ?? ""));
  console.log(
    `\nHostile servers, through the facade (settled ms, peak RSS growth, what reached the other origin):\n${textTable(
      ["vendor", "case", "outcome", "settled ms", "peak growth MB", "other origin"],
      rows,
    )}\n`,
  );
});

describe.each(VENDORS)("%s through the facade, against a hostile server", (vendor) => {
  it.each((Object.keys(HOSTILE_CASES) as CaseName[]).filter((name) => reports.has(`${vendor} ${name}`)))(
    "%s: settles with the expected outcome, bounded, nothing sent elsewhere",
    async (name) => {
      const report = await (reports.get(`${vendor} ${name}`) as Promise<CaseReport>);
      const received = report.otherOrigin.map((request) => `${request.method} ${request.bodyBytes} B`);
      table.push([
        vendor,
        name,
        report.outcome,
        String(report.settledMs),
        (report.peakGrowthBytes / 1024 / 1024).toFixed(1),
        received.length === 0 ? "nothing" : received.join(", "),
      ]);
      expect(report.outcome).toBe(HOSTILE_CASES[name].expected);
      expect(report.otherOrigin).toEqual([]);
      expect(report.overflowWarnings).toBe(0);
      expect(report.settledMs).toBeLessThan(SETTLE_LIMIT_MS);
      expect(report.peakGrowthBytes).toBeLessThan(MEMORY_LIMIT_BYTES);
      if (report.listed !== undefined) expect(report.distinct).toBe(report.listed);
      if (name === "repeated-pages") expect(report.listed).toBe(30);
    },
    CHILD_LIMIT_MS * 2,
  );
});
