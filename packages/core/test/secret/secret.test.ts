import { Console } from "node:console";
import { Writable } from "node:stream";
import { inspect } from "node:util";
import { describe, expect, it, vi } from "vitest";
import { isSecret, Secret } from "../../src/index.ts";

const VALUE = "hunter2-very-secret";

function consoleOutput(...args: unknown[]): string {
  let output = "";
  const stream = new Writable({
    write(chunk, _encoding, callback) {
      output += String(chunk);
      callback();
    },
  });
  new Console({ stdout: stream, stderr: stream }).log(...args);
  return output;
}

describe("Secret", () => {
  const secret = new Secret(VALUE);

  it("reveals its value only through reveal()", () => {
    expect(secret.reveal()).toBe(VALUE);
  });

  it("shows [REDACTED] through String() and template literals", () => {
    expect(String(secret)).toBe("[REDACTED]");
    expect(`${secret}`).toBe("[REDACTED]");
    expect(`password=${secret}`).toBe("password=[REDACTED]");
    expect(secret.toString()).toBe("[REDACTED]");
  });

  it("shows [REDACTED] through string concatenation", () => {
    // biome-ignore lint/style/useTemplate: concatenation is the conversion under test.
    expect("pw: " + secret).toBe("pw: [REDACTED]");
  });

  it("shows [REDACTED] through JSON.stringify, alone and nested", () => {
    expect(JSON.stringify(secret)).toBe('"[REDACTED]"');
    expect(JSON.stringify({ user: "alice", password: secret })).toBe(
      '{"user":"alice","password":"[REDACTED]"}',
    );
  });

  it("shows [REDACTED] through util.inspect, alone and nested", () => {
    expect(inspect(secret)).toBe("[REDACTED]");
    expect(inspect({ password: secret }, { depth: 10 })).not.toContain(VALUE);
    expect(inspect({ deep: { list: [secret] } }, { depth: 10, showHidden: true })).toContain("[REDACTED]");
    expect(inspect(secret, { showHidden: true })).not.toContain(VALUE);
  });

  it("shows [REDACTED] through console.log", () => {
    const output = consoleOutput(secret, { password: secret }, [secret]);
    expect(output).toContain("[REDACTED]");
    expect(output).not.toContain(VALUE);
  });

  it("calls console.log without leaking (spy on the real console)", () => {
    const log = vi.spyOn(process.stdout, "write").mockImplementation(() => true);
    try {
      console.log("created", { password: secret });
      const written = log.mock.calls.map(([chunk]) => String(chunk)).join("");
      expect(written).not.toContain(VALUE);
    } finally {
      log.mockRestore();
    }
  });

  it("exposes no enumerable or own property holding the value", () => {
    expect(Object.keys(secret)).toEqual([]);
    expect(Object.getOwnPropertyNames(secret)).toEqual([]);
    expect({ ...secret }).toEqual({});
    expect(Object.getOwnPropertySymbols(secret)).toEqual([]);
  });

  it("does not leak through structuredClone", () => {
    expect(JSON.stringify(structuredClone(secret))).not.toContain(VALUE);
  });

  it("rejects a non-string value", () => {
    expect(() => new Secret(42 as unknown as string)).toThrow(TypeError);
  });

  it("Secret.from wraps strings and returns Secrets as they are", () => {
    const wrapped = Secret.from(VALUE);
    expect(wrapped).toBeInstanceOf(Secret);
    expect(wrapped.reveal()).toBe(VALUE);
    expect(Secret.from(wrapped)).toBe(wrapped);
  });

  it("isSecret tells Secrets from strings and look-alikes", () => {
    expect(isSecret(secret)).toBe(true);
    expect(isSecret(VALUE)).toBe(false);
    expect(isSecret({ reveal: () => VALUE })).toBe(false);
    expect(isSecret(null)).toBe(false);
    expect(isSecret(undefined)).toBe(false);
  });

  it("is recognised across copies of the package", async () => {
    vi.resetModules();
    const copy = await import("../../src/secret.ts");
    expect(copy.Secret).not.toBe(Secret);
    const foreign = new copy.Secret(VALUE);
    expect(isSecret(foreign)).toBe(true);
    expect(foreign instanceof Secret).toBe(true);
    expect(Secret.from(foreign)).toBe(foreign);
    expect(copy.isSecret(secret)).toBe(true);
  });
});
