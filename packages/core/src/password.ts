// Passwords an adapter chooses for the caller, where a vendor makes the client pick one (HostUp, and
// Scalingo's create). Crypto-random, without modulo bias, and holding every character class a vendor's
// rule may require, so the password is accepted on the first try.

const CLASSES = {
  lower: "abcdefghijklmnopqrstuvwxyz",
  upper: "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
  digit: "0123456789",
  // No quotes, backslash or whitespace: they break connection strings and shell snippets.
  symbol: "!#$%&()*+,-.:;<=>?@[]^_{|}~",
} as const;

export type CharacterClass = keyof typeof CLASSES;

export interface PasswordRule {
  /** Default 32. */
  length?: number;
  /** Classes to draw from, each present at least once. Default lower, upper and digit. */
  classes?: readonly CharacterClass[];
}

/** A crypto-random password following `rule`. */
export function generatePassword(rule: PasswordRule = {}): string {
  const length = rule.length ?? 32;
  const classes = rule.classes ?? ["lower", "upper", "digit"];
  if (classes.length === 0 || !Number.isInteger(length) || length < classes.length) {
    throw new RangeError(`generatePassword: a length of ${length} cannot hold ${classes.length} classes`);
  }
  const alphabet = classes.map((name) => CLASSES[name]).join("");
  // One character of each class first, the rest from the whole alphabet, then a shuffle, so the
  // required characters do not sit at predictable positions.
  const characters = classes.map((name) => pick(CLASSES[name]));
  while (characters.length < length) characters.push(pick(alphabet));
  for (let i = characters.length - 1; i > 0; i--) {
    const j = randomBelow(i + 1);
    [characters[i], characters[j]] = [characters[j] as string, characters[i] as string];
  }
  return characters.join("");
}

function pick(alphabet: string): string {
  return alphabet[randomBelow(alphabet.length)] as string;
}

// Rejection sampling: drawing from the largest multiple of `bound` below 2^32 keeps every value equally likely.
function randomBelow(bound: number): number {
  const limit = 2 ** 32 - (2 ** 32 % bound);
  for (;;) {
    const value = randomUint32();
    if (value < limit) return value % bound;
  }
}

// Random values are drawn in batches: one getRandomValues call per 256 values rather than one per
// value, which made a password cost some 60 calls into the crypto binding. Each value is used once.
const pool = new Uint32Array(256);
let drawn = pool.length;

function randomUint32(): number {
  if (drawn === pool.length) {
    crypto.getRandomValues(pool);
    drawn = 0;
  }
  return pool[drawn++] as number;
}
