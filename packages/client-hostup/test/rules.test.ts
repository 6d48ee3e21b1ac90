// The adapter checks HostUp's documented rules before sending; the spec states them. These tests fail
// when the two drift apart: each rule is tried on values at and around the spec's limits. A rule the spec
// marks as a guess (x-dbusers-unverified) is left to HostUp: the adapter must not enforce it.
import { Secret } from "@dbusers/core";
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

  it("database_user_password: a guess, so the adapter enforces none of it, and refuses only what is no password", () => {
    const rule = specSchema("database_user_password");
    // Should HostUp document a rule, the marking goes and this test asks for the adapter to enforce it.
    expect(rule["x-dbusers-unverified"]).toMatch(/documents no password rule for database users/);
    // HostUp's own example (its create page's `YOUR_DATABASE_PASSWORD`) fails the guess, as do the others.
    const refusedByTheGuess = ["YOUR_DATABASE_PASSWORD", "Abcdef1", `Aa1${"x".repeat(126)}`, "abcdefg1", ""];
    for (const password of refusedByTheGuess) {
      expect(meetsSchema(password, rule), password).toBe(false);
      expect(checkPassword(password, "password"), password).toEqual([]);
      expect(checkPassword(new Secret(password), "password"), password).toEqual([]);
    }
    for (const notOne of [12345678, null, undefined, { password: "Abcdef12" }]) {
      expect(checkPassword(notOne, "password")).toEqual([
        { path: "password", message: "must be a string or a Secret" },
      ]);
    }
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
