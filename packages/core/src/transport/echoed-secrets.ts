import { MAX_BODY_DEPTH } from "../body-depth.ts";
import { SENSITIVE_KEY, TOO_DEEP } from "../redact.ts";
import { REDACTED } from "../secret.ts";

// Redaction by pattern catches labelled secrets (`token: …`, `Bearer …`, `"password": …`). A vendor's
// error may also quote back, unlabelled, what it was sent ("the token dop_v1_… is expired", "… is in a
// dictionary"), and a vendor's custom auth header has no name redaction knows. The transport knows the
// exact values it sent, so it masks those wherever they come back: in an error body, and in its log.

/** Shorter values are not masked: they would mask ordinary words, and no credential is this short. */
const MIN_LENGTH = 6;

/** What one attempt sent that is secret: its credential, and the secret-named strings of its body. */
export function sentSecrets(credential: string | undefined, body: unknown): string[] {
  const secrets = credential === undefined ? [] : [credential];
  collect(body, false, secrets, MAX_BODY_DEPTH);
  return secrets.filter((secret) => secret.length >= MIN_LENGTH);
}

// A request body is the caller's, and shallow: what nests deeper than a body may is not looked into.
function collect(value: unknown, secret: boolean, into: string[], levels: number): void {
  if (typeof value === "string") {
    if (secret) into.push(value);
  } else if (levels === 0) {
    return;
  } else if (Array.isArray(value)) {
    for (const item of value) collect(item, secret, into, levels - 1);
  } else if (typeof value === "object" && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      collect(item, secret || SENSITIVE_KEY.test(key), into, levels - 1);
    }
  }
}

/**
 * A copy of `value` (JSON-like) with every occurrence of each secret in its strings masked. What nests
 * deeper than `MAX_BODY_DEPTH` (a hostile error body) is replaced by `TOO_DEEP`, not walked.
 */
export function withoutSecrets<T>(value: T, secrets: readonly string[]): T {
  if (secrets.length === 0) return value;
  return mask(value, secrets, MAX_BODY_DEPTH) as T;
}

function mask(value: unknown, secrets: readonly string[], levels: number): unknown {
  if (typeof value === "string") {
    return secrets.reduce((text, secret) => text.replaceAll(secret, REDACTED), value);
  }
  if (typeof value !== "object" || value === null) return value;
  if (levels === 0) return TOO_DEEP;
  if (Array.isArray(value)) return value.map((item) => mask(item, secrets, levels - 1));
  if (Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, mask(item, secrets, levels - 1)]),
    );
  }
  return value;
}
