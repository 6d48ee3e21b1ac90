import fc from "fast-check";

/**
 * Characters that break naive URL building (`/`, `%`, `?`, `#`, `.`), unicode outside the BMP, and
 * plain letters, so generated names exercise encoding, not only the happy path.
 */
export const TRICKY_CHARACTERS: readonly string[] = [
  "/",
  "\\",
  "%",
  "?",
  "#",
  ".",
  "&",
  "=",
  "+",
  ":",
  "@",
  "é",
  "ß",
  "名",
  "😀",
];

/** Strings of `units`, between `minLength` and `maxLength` units long. */
export function stringOf(
  units: fc.Arbitrary<string>,
  { minLength = 1, maxLength = 32 }: { minLength?: number; maxLength?: number } = {},
): fc.Arbitrary<string> {
  return fc.array(units, { minLength, maxLength }).map((parts) => parts.join(""));
}

/** Lower-case letters and digits, and every tricky character, mixed. */
export const mixedUnits: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz0123456789") },
  { weight: 1, arbitrary: fc.constantFrom(...TRICKY_CHARACTERS) },
);

/** Names that would leave their path segment: a `/` or `\` inside, `.` or `..`, or nothing at all. */
export const segmentBreakingName: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom("", " ", "\t", ".", ".."),
  fc
    .tuple(
      stringOf(mixedUnits, { minLength: 0 }),
      fc.constantFrom("/", "\\"),
      stringOf(mixedUnits, { minLength: 0 }),
    )
    .map((parts) => parts.join("")),
);
