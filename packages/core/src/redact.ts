import { MAX_BODY_DEPTH } from "./body-depth.ts";
import { isSecret, REDACTED } from "./secret.ts";

// Headers that carry credentials by definition; any header whose name mentions "token" joins them
// (x-auth-token, x-cxtoken, …) because vendors invent their own names.
const SENSITIVE_HEADERS = new Set([
  "authorization",
  "proxy-authorization",
  "cookie",
  "set-cookie",
  "x-api-key",
]);

/** Body keys whose values are credentials, matched anywhere in the key and case-insensitively. */
export const SENSITIVE_KEY: RegExp =
  /password|passwd|token|secret|access_key|access_cert|private_key|authorization|api_key/i;

// Each pattern keeps the label and masks only the value, so a redacted message still says what was there.
const TEXT_PATTERNS: Array<[RegExp, string]> = [
  // "Bearer eyJ…", "Basic dXNlcjpwYXNz" in error messages or echoed headers.
  [/\b(Bearer|Basic)\s+[A-Za-z0-9\-._~+/]+=*/gi, `$1 ${REDACTED}`],
  // Credentials inside URLs: postgresql://user:secret@host, and https://:token@host (an empty user, as
  // Scalingo's documentation passes an API token).
  [/(\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]*:)[^\s@/]+@/gi, `$1${REDACTED}@`],
  // password=…, token: '…', api_key="…" in query strings and prose, and a quoted value right after
  // the word (`password "hunter2" is too weak`).
  [
    /\b((?:password|passwd|pwd|token|access_token|api_key|secret|access_key|private_key)(?:\s*[=:]\s*|\s+(?=["'])))(?:"[^"]*"|'[^']*'|[^\s&,;"']+)/gi,
    `$1${REDACTED}`,
  ],
  // "password": "…" inside JSON text handled as a string (e.g. an echoed request body).
  [
    /("[^"]*(?:password|passwd|token|secret|access_key|access_cert|private_key|authorization|api_key)[^"]*"\s*:\s*)"(?:[^"\\]|\\.)*"/gi,
    `$1"${REDACTED}"`,
  ],
];

/** Masks bearer tokens, URL credentials and `password=…`-style values in free text. */
export function redactText(text: string): string {
  let result = text;
  for (const [pattern, replacement] of TEXT_PATTERNS) {
    result = result.replace(pattern, replacement);
  }
  return result;
}

/** Plain-object copy of the headers with credential-bearing values masked; names are lower-cased. */
export function redactHeaders(headers: Headers | Record<string, string>): Record<string, string> {
  const entries = headers instanceof Headers ? [...headers.entries()] : Object.entries(headers);
  const result: Record<string, string> = {};
  for (const [rawName, value] of entries) {
    const name = rawName.toLowerCase();
    result[name] = SENSITIVE_HEADERS.has(name) || name.includes("token") ? REDACTED : value;
  }
  return result;
}

/** What stands for the part of a body nested deeper than redaction goes. */
export const TOO_DEEP = "[TOO DEEP]";

/**
 * Deep copy of a parsed JSON body with credential fields masked. Remaining strings still go through
 * `redactText`, because a secret can hide in a non-secret field (a connection URI, a vendor message).
 * What nests deeper than `MAX_BODY_DEPTH` is replaced by `TOO_DEEP`: a server's deeply nested body must
 * not overflow the stack here, nor in the logger that serialises the copy.
 */
export function redactBody(body: unknown): unknown {
  return redactWithin(body, MAX_BODY_DEPTH);
}

function redactWithin(body: unknown, levels: number): unknown {
  if (typeof body === "string") {
    return redactText(body);
  }
  if (isSecret(body)) {
    return REDACTED;
  }
  if (typeof body !== "object" || body === null) {
    return body;
  }
  if (levels === 0) {
    return TOO_DEEP;
  }
  if (Array.isArray(body)) {
    return body.map((item) => redactWithin(item, levels - 1));
  }
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    result[key] =
      SENSITIVE_KEY.test(key) && value !== null && value !== undefined
        ? REDACTED
        : redactWithin(value, levels - 1);
  }
  return result;
}

/**
 * A shallow copy of a vendor's object without its credential-named fields: what an adapter hands out as
 * a user's `raw`, once it has taken out (or wrapped in a `Secret`) the credentials its spec declares. A
 * vendor may send more than its spec says (`password_confirmation`, a password it echoes back), and a
 * `raw` that is logged or serialised must not carry them. `keep` names fields the adapter knows to be
 * public despite their names (DigitalOcean's `access_cert`, a certificate).
 */
export function withoutSecretFields<T extends object>(value: T, keep: readonly string[] = []): T {
  // A loop over the keys, not entries → filter → fromEntries (nor even `Object.keys`): this runs for
  // every user of every listing.
  const copy: Record<string, unknown> = {};
  for (const key in value) {
    if (!Object.hasOwn(value, key) || (!keep.includes(key) && SENSITIVE_KEY.test(key))) continue;
    const field = (value as Record<string, unknown>)[key];
    // A body's own "__proto__" key: assigned, it would set the copy's prototype instead.
    if (key === "__proto__")
      Object.defineProperty(copy, key, { value: field, enumerable: true, writable: true });
    else copy[key] = field;
  }
  return copy as T;
}
