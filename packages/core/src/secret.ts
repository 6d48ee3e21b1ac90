/** What a masked value is replaced with, everywhere in this package. */
export const REDACTED = "[REDACTED]";

// Registered symbols are shared by every copy of this package loaded in one process (ESM and CJS
// builds, or two versions in node_modules), so a Secret made by one copy is recognised by another.
const SECRET_BRAND = Symbol.for("@dbusers/core/Secret");
const INSPECT = Symbol.for("nodejs.util.inspect.custom");
// The values live here rather than in a `#private` field: a `#private` member makes the type declarations
// of the ESM and CommonJS builds two unrelated types, so a Secret made by one did not type-check where
// the other's is expected (a .cts file handing a token to a .mts one), although it works at run time.
const VALUES = new WeakMap<Secret, string>();

/**
 * A sensitive string (password, token) that refuses to be printed.
 *
 * The value is held outside the object, so it is invisible to `Object.keys`, spreading, `JSON.stringify`,
 * `structuredClone`, `util.inspect` and `console.log`; every conversion to a string yields `[REDACTED]`. Only `reveal()`
 * hands the value out, which makes each real use easy to find in a code review.
 */
export class Secret {
  constructor(value: string) {
    if (typeof value !== "string") {
      throw new TypeError("Secret value must be a string");
    }
    VALUES.set(this, value);
  }

  /** Wraps a plain string; an existing Secret (from any copy of this package) is returned as is. */
  static from(value: string | Secret): Secret {
    return isSecret(value) ? value : new Secret(value);
  }

  static [Symbol.hasInstance](instance: unknown): boolean {
    return isSecret(instance);
  }

  static {
    // Symbol-keyed members are defined here rather than in the class body so they stay out of the
    // type declarations (which could only name them if the symbols were exported).
    Object.defineProperty(Secret.prototype, SECRET_BRAND, { value: true });
    Object.defineProperty(Secret.prototype, INSPECT, { value: () => REDACTED });
  }

  /** The actual value. Call it only where the value leaves for its destination. */
  reveal(): string {
    return VALUES.get(this) as string;
  }

  toString(): string {
    return REDACTED;
  }

  toJSON(): string {
    return REDACTED;
  }

  [Symbol.toPrimitive](): string {
    return REDACTED;
  }
}

/** True for a `Secret` made by any copy of this package. */
export function isSecret(value: unknown): value is Secret {
  return (
    typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[SECRET_BRAND] === true
  );
}
