import { describe, expect, it } from "vitest";
import { generatePassword } from "../../src/adapter.ts";

describe("generatePassword", () => {
  it("gives 32 characters of lower, upper and digit by default, each class present", () => {
    const password = generatePassword();
    expect(password).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(password).toMatch(/[a-z]/);
    expect(password).toMatch(/[A-Z]/);
    expect(password).toMatch(/[0-9]/);
  });

  it("10,000 passwords are distinct and every one holds every class asked for", () => {
    const passwords = Array.from({ length: 10_000 }, () =>
      generatePassword({ length: 24, classes: ["lower", "upper", "digit", "symbol"] }),
    );
    expect(new Set(passwords).size).toBe(passwords.length);
    for (const password of passwords) {
      expect(password).toHaveLength(24);
      expect(password).toMatch(/[a-z]/);
      expect(password).toMatch(/[A-Z]/);
      expect(password).toMatch(/[0-9]/);
      expect(password).toMatch(/[^A-Za-z0-9]/);
      expect(password).not.toMatch(/["'\\\s`]/);
    }
  });

  it("spreads characters evenly (no modulo bias): each digit within 10% of its share", () => {
    const counts = new Map<string, number>();
    for (const c of generatePassword({ length: 100_000, classes: ["digit"] }))
      counts.set(c, (counts.get(c) ?? 0) + 1);
    expect(counts.size).toBe(10);
    for (const count of counts.values()) expect(Math.abs(count - 10_000)).toBeLessThan(1_000);
  });

  it("refuses a length too short for the classes", () => {
    expect(() => generatePassword({ length: 2, classes: ["lower", "upper", "digit"] })).toThrow(RangeError);
    expect(() => generatePassword({ classes: [] })).toThrow(RangeError);
  });
});
