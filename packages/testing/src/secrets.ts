// Secrets must never show up where values usually end up: logs, JSON, string interpolation, error
// reports. Each check looks for the real values, so a leak anywhere in the printed structure fails.
import { inspect } from "node:util";
import { expect } from "vitest";

/** Every way a value commonly gets printed or serialised, stack traces and causes included. */
export function renderings(value: unknown): string[] {
  return [
    inspect(value, { depth: Number.POSITIVE_INFINITY, showHidden: true, getters: true }),
    inspect(value),
    JSON.stringify(value) ?? "",
    String(value),
    `${value as string}`,
    value instanceof Error ? `${value.stack}\n${value.message}\n${String(value.cause)}` : "",
  ];
}

/** Fails when any rendering of `value` contains one of `secrets` (each at least 8 characters). */
export function expectNoLeak(value: unknown, secrets: readonly string[]): void {
  const real = secrets.filter((secret) => secret !== "");
  expect(
    real.every((secret) => secret.length >= 8),
    "secrets to look for must be 8+ characters",
  ).toBe(true);
  for (const rendering of renderings(value)) {
    for (const secret of real) expect(rendering).not.toContain(secret);
  }
}
