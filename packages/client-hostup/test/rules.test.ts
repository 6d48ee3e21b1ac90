// The adapter checks HostUp's rules before sending; the spec states them. These tests fail when the two
// drift apart: each rule is tried on values at and around the spec's limits.
import { describe, expect, it } from "vitest";
import { checkPassword } from "../src/password.ts";
import { checkDatabase, checkPrivileges, checkUsername, HOSTUP_PRIVILEGES } from "../src/rules.ts";
import { meetsSchema, specSchema } from "./spec.ts";

/** The adapter accepts exactly what the spec's schema accepts, for every sample. */
function agree(check: (value: unknown, field: string) => unknown[], schema: string, samples: string[]) {
  for (const sample of samples) {
    expect(check(sample, "field").length === 0, JSON.stringify(sample)).toBe(
      meetsSchema(sample, specSchema(schema)),
    );
  }
}

describe("the adapter's rules are the spec's", () => {
  it("database_username", () => {
    const samples = [
      "a",
      "app_user_01",
      "A".repeat(64),
      "A".repeat(65),
      "",
      "app-user",
      "app user",
      "å",
      "a.b",
    ];
    agree(checkUsername, "database_username", samples);
  });

  it("database_user_password (an unverified rule, but the spec's)", () => {
    const samples = [
      "Abcdef12",
      "Abcdef1",
      `Aa1${"x".repeat(125)}`,
      `Aa1${"x".repeat(126)}`,
      "abcdefg1",
      "ABCDEFG1",
      "Abcdefgh",
      "Aa1😀😀😀😀😀",
    ];
    agree(checkPassword, "database_user_password", samples);
  });

  it("database_name", () => {
    agree(checkDatabase, "database_name", [
      "abcde_wp_example",
      "d",
      "d".repeat(64),
      "d".repeat(65),
      "",
      "ö".repeat(64),
    ]);
  });

  it("mysql_privilege: the same names, in the spec's order", () => {
    expect(HOSTUP_PRIVILEGES).toEqual(specSchema("mysql_privilege").enum);
    for (const privilege of HOSTUP_PRIVILEGES) expect(checkPrivileges([privilege], "privileges")).toEqual([]);
  });
});
