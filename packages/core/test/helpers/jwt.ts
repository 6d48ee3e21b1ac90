// Unsigned JWT-shaped tokens for tests: the token cache reads `exp` and never checks a signature.

const base64url = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString("base64url");

/** A token `header.payload.signature` whose payload holds `claims`. */
export function jwt(claims: Record<string, unknown>): string {
  return `${base64url({ alg: "HS256", typ: "JWT" })}.${base64url(claims)}.c2lnbmF0dXJl`;
}

/** A JWT that expires `seconds` after `nowMs`. */
export function jwtExpiringIn(seconds: number, nowMs: number, claims: Record<string, unknown> = {}): string {
  return jwt({ ...claims, exp: Math.floor(nowMs / 1000) + seconds });
}
